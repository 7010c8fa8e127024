namespace OpsCenter.Ingest.Pipeline;

/// <summary>A device message as received from the broker, with the means to acknowledge it once it is durable.</summary>
/// <param name="RetainedReplay">
/// Delivered with the RETAIN flag: the broker replaying its stored copy because we (re)subscribed, not the device
/// speaking now (MQTT 5 §3.3.1.3: live messages reach a subscriber with the flag cleared).
/// </param>
/// <param name="Acknowledge">Called with <paramref name="AcknowledgeState"/>: a static method and the delivery, no closure per message.</param>
/// <param name="Connection">Which broker connection delivered it: an acknowledgement is only valid on that one.</param>
public sealed record IncomingMessage(
    string Topic, byte[] Payload, int PayloadLength, DateTimeOffset ReceivedAt, long ReceivedTimestamp, Func<object?, CancellationToken, Task>? Acknowledge,
    bool RetainedReplay = false, int Connection = 0, object? AcknowledgeState = null)
{
    /// <summary>The payload lives in a <see cref="PayloadPool"/> array, returned once its batch is processed.</summary>
    public bool PayloadPooled { get; init; }

    /// <summary>
    /// The connection that delivered it and the QoS 1 packet identifier to acknowledge it by, when Ingest writes its
    /// PUBACK itself (<see cref="Mqtt.AcknowledgingStream"/>); then nothing of MQTTnet's delivery is kept.
    /// </summary>
    internal Mqtt.AcknowledgingStream? Via { get; init; }

    internal ushort PacketId { get; init; }

    /// <summary>
    /// The message's bytes as kept: the payload, or its first 64 KiB + 1 when it was larger. A pooled
    /// <see cref="Payload"/> array may be longer than the message; only large payloads are cut, and those are not pooled.
    /// </summary>
    public ReadOnlySpan<byte> Kept => Payload.AsSpan(0, Math.Min(Payload.Length, PayloadLength));
}
