namespace OpsCenter.Contracts.Devices.Messages;

public sealed record CameraTelemetry : DeviceMessage
{
    public required bool Online { get; init; }
    public required double Fps { get; init; }
    public required double BitrateKbps { get; init; }
    public required bool Recording { get; init; }
    public double? StorageFreePct { get; init; }
    public long? PeopleCount { get; init; }
    public long? VehicleCount { get; init; }
}

public enum CameraEventType
{
    Motion,
    Tamper,
    VideoLoss,
    ImageTooDark,
    ImageTooBlurry,
    Crowd,
    Intrusion,
    LineCrossed,
    WrongWay,
    Accident,
    Fire,
    StorageFailure,
}

public enum Severity
{
    Info,
    Minor,
    Major,
    Critical,
}

public sealed record CameraEvent : DeviceMessage
{
    public required CameraEventType Type { get; init; }
    public required Severity Severity { get; init; }
    public long? ObjectCount { get; init; }
    public double? Confidence { get; init; }
    public string? SnapshotUrl { get; init; }
}
