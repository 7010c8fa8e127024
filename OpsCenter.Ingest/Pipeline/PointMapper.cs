using OpsCenter.Contracts.Ingestion;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Pipeline;

/// <summary>
/// Turns a validated reading into one InfluxDB point. Measurement <c>{kind}_{channel}</c> (status: <c>device_status</c>);
/// tags for what queries group by (device, area, event type, lane, severity, state); everything else as fields.
/// The timestamp is the device's <c>ts</c> in milliseconds plus <c>seq mod 10⁶</c> nanoseconds: two messages of one
/// device in the same millisecond stay two points, while a repeat of (deviceId, seq, ts) lands on the very same point
/// and so is stored once however often it is delivered.
/// </summary>
public static class PointMapper
{
    private static readonly HashSet<string> TagTexts = new(StringComparer.Ordinal) { "severity", "state", "serviceStatus", "channel" };

    public static string Measurement(StoredReading r) => r.Channel == "status" ? "device_status" : $"{r.Kind}_{r.Channel}";

    public static long TimestampNs(StoredReading r) => (r.Ts.ToUnixTimeMilliseconds() * 1_000_000) + (r.Seq % 1_000_000);

    public static string ToLine(StoredReading r, string areaId)
    {
        var line = new LineProtocol(Measurement(r)).Tag("device", r.DeviceId).Tag("area", areaId);
        if (r.Channel == "status")
            line.Tag("kind", r.Kind);
        if (r.EventType is not null)
            line.Tag("type", r.EventType);
        if (r.Numbers.TryGetValue("laneId", out var lane))
            line.Tag("lane", ((long)lane).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in r.Texts)
        {
            if (TagTexts.Contains(key))
                line.Tag(key, value);
        }

        line.Field("seq", r.Seq);
        line.Field("late", r.Late);
        foreach (var (key, value) in r.Numbers)
        {
            if (key != "laneId")
                line.Field(key, value);
        }
        foreach (var (key, value) in r.Flags)
            line.Field(key, value);
        foreach (var (key, value) in r.Texts)
        {
            if (!TagTexts.Contains(key))
                line.Field(key, value);
        }
        return line.Build(TimestampNs(r));
    }
}
