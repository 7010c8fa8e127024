namespace OpsCenter.Contracts.Devices;

/// <summary>The last topic segment: what sort of message a device sends.</summary>
public enum DeviceChannel
{
    Telemetry,
    Event,
    Status,
}

public static class DeviceChannelNames
{
    public static string ToWire(this DeviceChannel channel) => channel switch
    {
        DeviceChannel.Telemetry => "telemetry",
        DeviceChannel.Event => "event",
        DeviceChannel.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(ReadOnlySpan<char> wire, out DeviceChannel channel)
    {
        switch (wire)
        {
            case "telemetry": channel = DeviceChannel.Telemetry; return true;
            case "event": channel = DeviceChannel.Event; return true;
            case "status": channel = DeviceChannel.Status; return true;
            default: channel = default; return false;
        }
    }
}
