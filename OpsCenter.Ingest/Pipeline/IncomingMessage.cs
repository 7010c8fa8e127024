namespace OpsCenter.Ingest.Pipeline;

/// <summary>A device message as received from the broker, with the means to acknowledge it once it is durable.</summary>
public sealed record IncomingMessage(string Topic, byte[] Payload, int PayloadLength, DateTimeOffset ReceivedAt, long ReceivedTimestamp, Func<CancellationToken, Task>? Acknowledge);
