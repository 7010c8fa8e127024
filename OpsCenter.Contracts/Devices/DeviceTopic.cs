namespace OpsCenter.Contracts.Devices;

/// <summary>
/// The topic grammar of the device contract: <c>ops/v1/{kind}/{deviceId}/{channel}</c>.
/// </summary>
public readonly record struct DeviceTopic(DeviceKind Kind, string DeviceId, DeviceChannel Channel)
{
    public const string Prefix = "ops/v1/";
    public const int MaxDeviceIdLength = 64;

    /// <summary>Subscription filter that covers every device message.</summary>
    public const string AllDevicesFilter = "ops/v1/#";

    public override string ToString() => $"{Prefix}{Kind.ToWire()}/{DeviceId}/{Channel.ToWire()}";

    public static string For(DeviceKind kind, string deviceId, DeviceChannel channel) =>
        new DeviceTopic(kind, deviceId, channel).ToString();

    public static bool TryParse(string? topic, out DeviceTopic parsed)
    {
        parsed = default;
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
            return false;

        var rest = topic.AsSpan(Prefix.Length);
        var firstSlash = rest.IndexOf('/');
        if (firstSlash <= 0 || !DeviceKindNames.TryParse(rest[..firstSlash], out var kind))
            return false;

        rest = rest[(firstSlash + 1)..];
        var secondSlash = rest.IndexOf('/');
        if (secondSlash <= 0)
            return false;

        var deviceId = rest[..secondSlash];
        if (!IsValidDeviceId(deviceId))
            return false;

        if (!DeviceChannelNames.TryParse(rest[(secondSlash + 1)..], out var channel))
            return false;

        parsed = new DeviceTopic(kind, deviceId.ToString(), channel);
        return true;
    }

    /// <summary>1–64 characters of <c>A-Z a-z 0-9 _ -</c>.</summary>
    public static bool IsValidDeviceId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxDeviceIdLength)
            return false;
        foreach (var c in id)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';
            if (!ok)
                return false;
        }
        return true;
    }
}
