using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// Turns InfluxQL rows back into the <see cref="StoredReading"/>s Ingest stored (the reverse of Ingest's PointMapper):
/// the event type and the texts kept as tags come back from the series tags, <c>seq</c> from its field, and the time
/// (epoch=ns) is the device's <c>ts</c> in ms plus <c>seq mod 10⁶</c> ns.
/// </summary>
public static class StoredRowReader
{
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal) { "time", CommonFields.Seq, "late" };
    private static readonly HashSet<string> IdentityTags = new(StringComparer.Ordinal) { "device", "area", "kind", "lane" };

    public static IEnumerable<StoredReading> Read(InfluxQlSeries series, DeviceKind kind, DeviceChannel channel)
    {
        foreach (var row in series.Rows())
        {
            var tags = new Dictionary<string, string>(series.Tags ?? [], StringComparer.Ordinal);
            // Without GROUP BY the tags are columns of the row instead.
            foreach (var (column, value) in row)
            {
                if (value.ValueKind == JsonValueKind.String && (IdentityTags.Contains(column) || column is EventFields.Type
                        or CounterEventFields.Channel or StatusFields.State or CounterTelemetryFields.ServiceStatus or CameraEventFields.Severity))
                    tags[column] = value.GetString()!;
            }
            if (!tags.TryGetValue("device", out var device) || string.IsNullOrEmpty(device)
                || !row.TryGetValue("time", out var time) || !time.TryGetInt64(out var ns))
                continue;
            var seq = row.TryGetValue(CommonFields.Seq, out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
            var reading = new StoredReading
            {
                DeviceId = device, Kind = kind, Channel = channel, Seq = seq,
                Ts = DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000),
                EventType = tags.GetValueOrDefault(EventFields.Type),
            };
            foreach (var (tag, value) in tags)
            {
                if (!IdentityTags.Contains(tag) && tag != EventFields.Type)
                    reading.Texts[tag] = value;
            }
            if (tags.TryGetValue("lane", out var lane) && long.TryParse(lane, out var laneId))
                reading.Numbers[TrafficTelemetryFields.LaneId] = laneId;
            foreach (var (column, value) in row)
            {
                if (NotFields.Contains(column) || tags.ContainsKey(column))
                    continue;
                switch (value.ValueKind)
                {
                    case JsonValueKind.Number:
                        reading.Numbers[column] = value.GetDouble();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        reading.Flags[column] = value.GetBoolean();
                        break;
                    case JsonValueKind.String:
                        reading.Texts[column] = value.GetString()!;
                        break;
                }
            }
            yield return reading;
        }
    }
}
