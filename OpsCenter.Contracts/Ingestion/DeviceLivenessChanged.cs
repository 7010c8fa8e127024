namespace OpsCenter.Contracts.Ingestion;

/// <summary>A device went online, degraded or offline (by its status, its Last Will, or by silence).</summary>
public sealed record DeviceLivenessChanged
{
    public required string DeviceId { get; init; }
    public required string Kind { get; init; }

    /// <summary><c>online</c>, <c>degraded</c> or <c>offline</c>.</summary>
    public required string State { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary><c>status</c>, <c>lastWill</c>, <c>silence</c> or <c>traffic</c> (a message from a silent device).</summary>
    public required string Reason { get; init; }
}
