namespace OpsCenter.Contracts.Devices.Fields;

/// <summary>Wire names of camera telemetry's own fields.</summary>
public static class CameraTelemetryFields
{
    public const string Online = "online";
    public const string Fps = "fps";
    public const string BitrateKbps = "bitrateKbps";
    public const string Recording = "recording";
    public const string StorageFreePct = "storageFreePct";
    public const string PeopleCount = "peopleCount";
    public const string VehicleCount = "vehicleCount";
}

/// <summary>Wire names of camera events' own fields.</summary>
public static class CameraEventFields
{
    public const string Type = EventFields.Type;
    public const string Severity = "severity";
    public const string ObjectCount = "objectCount";
    public const string Confidence = "confidence";
    public const string SnapshotUrl = "snapshotUrl";
}

/// <summary>Values of <see cref="CameraEventFields.Type"/>, in the order of <see cref="Messages.CameraEventType"/>.</summary>
public static class CameraEventTypes
{
    public const string Motion = "motion";
    public const string Tamper = "tamper";
    public const string VideoLoss = "videoLoss";
    public const string ImageTooDark = "imageTooDark";
    public const string ImageTooBlurry = "imageTooBlurry";
    public const string Crowd = "crowd";
    public const string Intrusion = "intrusion";
    public const string LineCrossed = "lineCrossed";
    public const string WrongWay = "wrongWay";
    public const string Accident = "accident";
    public const string Fire = "fire";
    public const string StorageFailure = "storageFailure";

    public static readonly IReadOnlyList<string> All =
    [
        Motion, Tamper, VideoLoss, ImageTooDark, ImageTooBlurry, Crowd, Intrusion, LineCrossed, WrongWay, Accident, Fire,
        StorageFailure,
    ];
}

/// <summary>Values of <see cref="CameraEventFields.Severity"/>, in the order of <see cref="Messages.Severity"/>.</summary>
public static class Severities
{
    public const string Info = "info";
    public const string Minor = "minor";
    public const string Major = "major";
    public const string Critical = "critical";

    public static readonly IReadOnlyList<string> All = [Info, Minor, Major, Critical];
}
