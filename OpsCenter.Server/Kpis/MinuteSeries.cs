using System.Text.Json;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// One device's (or lane's) per-minute values from an InfluxQL <c>GROUP BY time(1m), …</c> answer, asked as of a
/// minute: the newest value at or before it, if not older than the freshness the live view allows.
/// </summary>
public sealed class MinuteSeries(string deviceId, long lane, SortedList<long, IReadOnlyDictionary<string, JsonElement>> rows)
{
    public string DeviceId { get; } = deviceId;
    public long Lane { get; } = lane;

    /// <summary>The rows by the start of their minute (Unix ms), oldest first.</summary>
    public IEnumerable<KeyValuePair<long, IReadOnlyDictionary<string, JsonElement>>> Rows => rows;

    public IEnumerable<long> Minutes => rows.Keys;

    public static IEnumerable<MinuteSeries> From(IEnumerable<InfluxQlSeries> series)
    {
        foreach (var s in series)
        {
            var device = s.Tags?.GetValueOrDefault("device");
            if (string.IsNullOrEmpty(device))
                continue;
            var lane = long.TryParse(s.Tags!.GetValueOrDefault("lane"), out var l) ? l : 1;
            var rows = new SortedList<long, IReadOnlyDictionary<string, JsonElement>>();
            foreach (var row in s.Rows())
            {
                if (row.TryGetValue("time", out var time) && time.TryGetInt64(out var ns))
                    rows[ns / 1_000_000] = row;
            }
            yield return new MinuteSeries(device, lane, rows);
        }
    }

    /// <summary>The newest row whose minute is at or before <paramref name="minuteMs"/> and younger than <paramref name="freshFor"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? AsOf(long minuteMs, TimeSpan freshFor)
    {
        var keys = rows.Keys;
        int lo = 0, hi = keys.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= minuteMs)
                (found, lo) = (mid, mid + 1);
            else
                hi = mid - 1;
        }
        return found >= 0 && minuteMs - keys[found] < freshFor.TotalMilliseconds ? rows.Values[found] : null;
    }

    public static double Number(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    public static bool Flag(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var v) && v.ValueKind == JsonValueKind.True;

    public static bool Has(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined);
}
