namespace OpsCenter.Contracts.Devices.Fields;

/// <summary>Wire names of the <c>status</c> message's own fields (any kind of device).</summary>
public static class StatusFields
{
    public const string State = "state";
    public const string FirmwareVersion = "firmwareVersion";
    public const string IpAddress = "ipAddress";
    public const string Rssi = "rssi";
    public const string BatteryLevel = "batteryLevel";
}

/// <summary>Values of <see cref="StatusFields.State"/>, in the order of <see cref="Messages.DeviceState"/>.</summary>
public static class DeviceStates
{
    public const string Online = "online";
    public const string Degraded = "degraded";
    public const string Offline = "offline";

    public static readonly IReadOnlyList<string> All = [Online, Degraded, Offline];
}

public static class DeviceStateNames
{
    /// <summary>The state as the contract spells it, e.g. <c>online</c>.</summary>
    public static string ToWire(this Messages.DeviceState state) => DeviceStates.All[(int)state];
}
