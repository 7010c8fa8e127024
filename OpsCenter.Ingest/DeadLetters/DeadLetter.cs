namespace OpsCenter.Ingest.DeadLetters;

/// <summary>A rejected message as an operator or integrator reads it: where it came from, why, and how it began.</summary>
public sealed record DeadLetter(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? DeviceId,
    string Reason,
    string Detail,
    string PayloadPrefixBase64,
    string PayloadPrefixText,
    int PayloadLength);
