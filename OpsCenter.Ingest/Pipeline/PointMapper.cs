using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
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
    private static readonly HashSet<string> TagTexts = new(StringComparer.Ordinal)
    {
        CameraEventFields.Severity, StatusFields.State, CounterTelemetryFields.ServiceStatus, CounterEventFields.Channel,
    };

    // Built once: the measurement name is needed for every stored reading.
    private static readonly string[,] Measurements = BuildMeasurements();

    public static string Measurement(StoredReading r) => Measurements[(int)r.Kind, (int)r.Channel];

    public static long TimestampNs(StoredReading r) => (r.Ts.ToUnixTimeMilliseconds() * 1_000_000) + (r.Seq % 1_000_000);

    /// <summary>The reading's point as one line (tests and diagnostics; the pipeline writes into a batch).</summary>
    public static string ToLine(StoredReading r, string areaId)
    {
        using var batch = new LineBatch(1);
        Write(batch, r, areaId);
        return batch.Line(0);
    }

    /// <summary>Appends the reading's point to the batch, straight into its UTF-8 body.</summary>
    public static void Write(LineBatch line, StoredReading r, string areaId)
    {
        line.Start(Measurement(r)).Tag("device", r.DeviceId).Tag("area", areaId);
        if (r.Channel == DeviceChannel.Status)
            line.Tag("kind", r.Kind.ToWire());
        if (r.EventType is not null)
            line.Tag(EventFields.Type, r.EventType);
        if (r.TryGetNumber(TrafficTelemetryFields.LaneId, out var lane))
            line.Tag("lane", (long)lane);
        // Walked, not read as maps: a reading from Ingest's validator holds its values compact and has no maps to read.
        foreach (var (key, value) in r.TextEntries)
        {
            if (TagTexts.Contains(key))
                line.Tag(key, value);
        }

        line.Field(CommonFields.Seq, r.Seq);
        line.Field("late", r.Late);
        foreach (var (key, value) in r.NumberEntries)
        {
            if (key != TrafficTelemetryFields.LaneId)
                line.Field(key, value);
        }
        foreach (var (key, value) in r.FlagEntries)
            line.Field(key, value);
        foreach (var (key, value) in r.TextEntries)
        {
            if (!TagTexts.Contains(key))
                line.Field(key, value);
        }
        line.End(TimestampNs(r));
    }

    private static string[,] BuildMeasurements()
    {
        var kinds = Enum.GetValues<DeviceKind>();
        var channels = Enum.GetValues<DeviceChannel>();
        var names = new string[kinds.Length, channels.Length];
        foreach (var kind in kinds)
        {
            foreach (var channel in channels)
                names[(int)kind, (int)channel] = channel == DeviceChannel.Status ? "device_status" : $"{kind.ToWire()}_{channel.ToWire()}";
        }
        return names;
    }
}
