using OpsCenter.Contracts.Devices;

namespace OpsCenter.Ingest.DeadLetters;

/// <summary>
/// Where a stored line came from, read back from the line itself: a refused line may come out of the disk buffer, long
/// after its MQTT message was acknowledged, so the line is all there is. Reverses <c>PointMapper</c>: measurement
/// <c>{kind}_{channel}</c> (or <c>device_status</c> with a <c>kind</c> tag) and the <c>device</c> tag give the topic.
/// </summary>
public sealed record RefusedLineOrigin(string Topic, string? DeviceId)
{
    public static RefusedLineOrigin Of(string line)
    {
        var parts = SeriesKeyParts(line);
        var measurement = parts.Count > 0 ? parts[0] : string.Empty;
        string? deviceId = null;
        string? kindTag = null;
        foreach (var tag in parts.Skip(1))
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                continue;
            var (key, value) = (tag[..equals], tag[(equals + 1)..]);
            if (key == "device")
                deviceId = value;
            else if (key == "kind")
                kindTag = value;
        }
        return new RefusedLineOrigin(TopicOf(measurement, kindTag, deviceId) ?? measurement, deviceId);
    }

    private static string? TopicOf(string measurement, string? kindTag, string? deviceId)
    {
        if (deviceId is null || !DeviceTopic.IsValidDeviceId(deviceId))
            return null;
        var underscore = measurement.LastIndexOf('_');
        if (underscore <= 0 || !DeviceChannelNames.TryParse(measurement.AsSpan(underscore + 1), out var channel))
            return null;
        var kindName = channel == DeviceChannel.Status ? kindTag : measurement[..underscore];
        return DeviceKindNames.TryParse(kindName, out var kind) ? DeviceTopic.For(kind, deviceId, channel) : null;
    }

    /// <summary>Measurement and <c>key=value</c> tags, unescaped: the line up to its first unescaped space, split at unescaped commas.</summary>
    private static List<string> SeriesKeyParts(string line)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                continue;
            }
            if (c == ' ')
                break;
            if (c == ',')
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        parts.Add(current.ToString());
        return parts;
    }
}
