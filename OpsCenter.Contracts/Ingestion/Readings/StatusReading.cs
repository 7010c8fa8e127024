using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Contracts.Ingestion.Readings;

/// <summary>A stored <c>status</c> message, read by field.</summary>
public readonly record struct StatusReading(StoredReading Stored)
{
    /// <summary>Set on every stored status: the validator refuses one without a known state.</summary>
    public DeviceState? State => WireValue.ToEnum<DeviceState>(DeviceStates.All, Stored.TextOrDefault(StatusFields.State));

    public string? FirmwareVersion => Stored.TextOrDefault(StatusFields.FirmwareVersion);
    public string? IpAddress => Stored.TextOrDefault(StatusFields.IpAddress);
    public long? Rssi => Stored.TryGetNumber(StatusFields.Rssi, out var v) ? (long)v : null;
    public double? BatteryLevel => Stored.TryGetNumber(StatusFields.BatteryLevel, out var v) ? v : null;
}
