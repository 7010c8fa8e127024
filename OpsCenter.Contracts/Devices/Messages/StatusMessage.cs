namespace OpsCenter.Contracts.Devices.Messages;

public enum DeviceState
{
    Online,
    Degraded,
    Offline,
}

/// <summary>Retained liveness message; also the device's Last Will with <see cref="DeviceState.Offline"/>.</summary>
public sealed record StatusMessage : DeviceMessage
{
    public required DeviceState State { get; init; }
    public string? FirmwareVersion { get; init; }
    public string? IpAddress { get; init; }
    public int? Rssi { get; init; }
    public double? BatteryLevel { get; init; }
}
