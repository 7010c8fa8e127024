namespace OpsCenter.Ingest.Pipeline;

/// <summary>A device message as received from the broker, with the means to acknowledge it once it is durable.</summary>
/// <param name="RetainedReplay">
/// Delivered with the RETAIN flag: the broker replaying its stored copy because we (re)subscribed, not the device
/// speaking now (MQTT 5 §3.3.1.3: live messages reach a subscriber with the flag cleared).
/// </param>
/// <param name="Connection">Which broker connection delivered it: an acknowledgement is only valid on that one.</param>
public sealed record IncomingMessage(
    string Topic, byte[] Payload, int PayloadLength, DateTimeOffset ReceivedAt, long ReceivedTimestamp, Func<CancellationToken, Task>? Acknowledge,
    bool RetainedReplay = false, int Connection = 0);
