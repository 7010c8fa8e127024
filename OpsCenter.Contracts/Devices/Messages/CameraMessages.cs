using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Devices.Messages;

public sealed record CameraTelemetry : DeviceMessage
{
    [JsonPropertyName(CameraTelemetryFields.Online)] public required bool Online { get; init; }
    [JsonPropertyName(CameraTelemetryFields.Fps)] public required double Fps { get; init; }
    [JsonPropertyName(CameraTelemetryFields.BitrateKbps)] public required double BitrateKbps { get; init; }
    [JsonPropertyName(CameraTelemetryFields.Recording)] public required bool Recording { get; init; }
    [JsonPropertyName(CameraTelemetryFields.StorageFreePct)] public double? StorageFreePct { get; init; }
    [JsonPropertyName(CameraTelemetryFields.PeopleCount)] public long? PeopleCount { get; init; }
    [JsonPropertyName(CameraTelemetryFields.VehicleCount)] public long? VehicleCount { get; init; }
}

public enum CameraEventType
{
    [JsonStringEnumMemberName(CameraEventTypes.Motion)] Motion,
    [JsonStringEnumMemberName(CameraEventTypes.Tamper)] Tamper,
    [JsonStringEnumMemberName(CameraEventTypes.VideoLoss)] VideoLoss,
    [JsonStringEnumMemberName(CameraEventTypes.ImageTooDark)] ImageTooDark,
    [JsonStringEnumMemberName(CameraEventTypes.ImageTooBlurry)] ImageTooBlurry,
    [JsonStringEnumMemberName(CameraEventTypes.Crowd)] Crowd,
    [JsonStringEnumMemberName(CameraEventTypes.Intrusion)] Intrusion,
    [JsonStringEnumMemberName(CameraEventTypes.LineCrossed)] LineCrossed,
    [JsonStringEnumMemberName(CameraEventTypes.WrongWay)] WrongWay,
    [JsonStringEnumMemberName(CameraEventTypes.Accident)] Accident,
    [JsonStringEnumMemberName(CameraEventTypes.Fire)] Fire,
    [JsonStringEnumMemberName(CameraEventTypes.StorageFailure)] StorageFailure,
}

public enum Severity
{
    [JsonStringEnumMemberName(Severities.Info)] Info,
    [JsonStringEnumMemberName(Severities.Minor)] Minor,
    [JsonStringEnumMemberName(Severities.Major)] Major,
    [JsonStringEnumMemberName(Severities.Critical)] Critical,
}

public sealed record CameraEvent : DeviceMessage
{
    [JsonPropertyName(CameraEventFields.Type)] public required CameraEventType Type { get; init; }
    [JsonPropertyName(CameraEventFields.Severity)] public required Severity Severity { get; init; }
    [JsonPropertyName(CameraEventFields.ObjectCount)] public long? ObjectCount { get; init; }
    [JsonPropertyName(CameraEventFields.Confidence)] public double? Confidence { get; init; }
    [JsonPropertyName(CameraEventFields.SnapshotUrl)] public string? SnapshotUrl { get; init; }
}
