namespace OpsCenter.Contracts.Ingestion;

/// <summary>A device went online, degraded or offline (by its status, its Last Will, or by silence).</summary>
public sealed record DeviceLivenessChanged
{
    public required string DeviceId { get; init; }
    public required string Kind { get; init; }

    /// <summary>One of <see cref="Devices.Fields.DeviceStates"/>.</summary>
    public required string State { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>One of <see cref="LivenessReasons"/>.</summary>
    public required string Reason { get; init; }
}

/// <summary>Why Ingest announced a liveness change (<see cref="DeviceLivenessChanged.Reason"/>).</summary>
public static class LivenessReasons
{
    /// <summary>The device's own status message.</summary>
    public const string Status = "status";

    /// <summary>The broker delivered the device's Last Will.</summary>
    public const string LastWill = "lastWill";

    /// <summary>Nothing heard for 3 × the reporting interval.</summary>
    public const string Silence = "silence";

    /// <summary>A message on any other channel from a device thought offline.</summary>
    public const string Traffic = "traffic";
}
