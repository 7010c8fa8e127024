using System.Globalization;
using System.Text;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Inventory;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Devices;

/// <summary>Reads one device's last hours from InfluxDB with InfluxQL, one statement per measurement, bucketed in time.</summary>
public sealed class DeviceHistory(InfluxQlClient influx, TimeProvider clock)
{
    public const int MinHours = 1;
    public const int MaxHours = 168;

    public async Task<DeviceHistoryView> ReadAsync(DeviceRecord device, int hours, CancellationToken cancellationToken)
    {
        DeviceKindNames.TryParse(device.Kind, out var kind);
        var plan = HistoryPlan.For(kind);
        var bucket = TimeSpan.FromMinutes(HistoryPlan.BucketMinutes(hours));
        var to = clock.GetUtcNow();
        // Bucket starts are aligned to the epoch, as InfluxDB aligns GROUP BY time(); the first bucket may begin
        // slightly before the span so that it is whole.
        var bucketMs = (long)bucket.TotalMilliseconds;
        var fromMs = (to - TimeSpan.FromHours(hours)).ToUnixTimeMilliseconds() / bucketMs * bucketMs;
        var times = new List<long>();
        for (var t = fromMs; t <= to.ToUnixTimeMilliseconds(); t += bucketMs)
            times.Add(t);

        var series = new List<HistorySeries>();
        if (plan.Count > 0)
        {
            var statements = string.Join("; ", plan.Select(m => Statement(m, device.Id, fromMs, to, bucket)));
            var response = await influx.QueryAsync(statements, cancellationToken);
            for (var i = 0; i < plan.Count; i++)
            {
                var result = response.Results.FirstOrDefault(r => r.StatementId == i);
                series.AddRange(plan[i].Columns.Select(c => Align(c, result?.Series.FirstOrDefault(), times)));
            }
        }
        return new DeviceHistoryView(device.Id, device.Kind, hours, (int)bucket.TotalMinutes,
            DateTimeOffset.FromUnixTimeMilliseconds(fromMs), to, times, series);
    }

    private static string Statement(HistoryPlan.Measurement measurement, string deviceId, long fromMs, DateTimeOffset to, TimeSpan bucket) =>
        string.Create(CultureInfo.InvariantCulture,
            $"SELECT {string.Join(", ", measurement.Columns.Select(c => c.Expression))} FROM \"{measurement.Name}\" " +
            $"WHERE \"device\" = '{Escape(deviceId)}' AND time >= {fromMs * 1_000_000} AND time <= {to.ToUnixTimeMilliseconds() * 1_000_000} " +
            $"GROUP BY time({(int)bucket.TotalMinutes}m) fill(none)");

    /// <summary>Puts each returned bucket on the full timeline; buckets InfluxDB did not return stay null.</summary>
    private static HistorySeries Align(HistoryPlan.Column column, InfluxQlSeries? returned, IReadOnlyList<long> times)
    {
        var values = new double?[times.Count];
        if (returned is not null && times.Count > 0)
        {
            var index = times.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
            foreach (var row in returned.Rows())
            {
                // The client asks for epoch=ns.
                if (!row.TryGetValue("time", out var time) || !time.TryGetInt64(out var ns) || !index.TryGetValue(ns / 1_000_000, out var slot))
                    continue;
                values[slot] = row.TryGetValue(column.Field, out var value) ? Number(value) : null;
            }
        }
        return new HistorySeries(column.Field, column.Aggregate, column.Unit, values);
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => null,
    };

    /// <summary>Ids come from the inventory, but a quote must never end the string literal whatever an inventory holds.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '\'')
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
