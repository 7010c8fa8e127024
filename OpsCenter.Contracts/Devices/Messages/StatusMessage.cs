using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Devices.Messages;

public enum DeviceState
{
    [JsonStringEnumMemberName(DeviceStates.Online)] Online,
    [JsonStringEnumMemberName(DeviceStates.Degraded)] Degraded,
    [JsonStringEnumMemberName(DeviceStates.Offline)] Offline,
}

/// <summary>Retained liveness message; also the device's Last Will with <see cref="DeviceState.Offline"/>.</summary>
public sealed record StatusMessage : DeviceMessage
{
    [JsonPropertyName(StatusFields.State)] public required DeviceState State { get; init; }
    [JsonPropertyName(StatusFields.FirmwareVersion)] public string? FirmwareVersion { get; init; }
    [JsonPropertyName(StatusFields.IpAddress)] public string? IpAddress { get; init; }
    [JsonPropertyName(StatusFields.Rssi)] public int? Rssi { get; init; }
    [JsonPropertyName(StatusFields.BatteryLevel)] public double? BatteryLevel { get; init; }
}
