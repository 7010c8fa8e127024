using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>One stored rollup point read back: its start, tags and additive fields.</summary>
public sealed record RollupPoint(DateTimeOffset Start, string? Device, string? Area, string? Kind, RollupTotals Totals);

/// <summary>
/// Writes and reads the rollup measurements in their retention policies. A point's identity is (measurement, tags,
/// start), so writing a recomputed hour or day again replaces it: a rollup run twice leaves the same data.
/// </summary>
public sealed class RollupStore(PointWriter writer, InfluxQlClient influx, IOptions<InfluxOptions> influxOptions, IOptions<RollupOptions> options)
{
    private const int LinesPerWrite = 5_000;

    public string HourlyPolicy => options.Value.HourlyPolicy;

    public string DailyPolicy => options.Value.DailyPolicy;

    public async Task WriteAsync(string policy, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        foreach (var chunk in lines.Chunk(LinesPerWrite))
            await writer.WriteAsync(chunk, policy, cancellationToken);
    }

    /// <summary>Every point of one measurement in [from, to), optionally of one area.</summary>
    public async Task<IReadOnlyList<RollupPoint>> ReadAsync(string policy, string measurement, DateTimeOffset from, DateTimeOffset to,
        string? areaId, CancellationToken cancellationToken)
    {
        var area = areaId is null ? "" : $" AND area = '{areaId.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";
        var series = await influx.SeriesAsync(
            $"SELECT * FROM {Qualified(policy, measurement)} WHERE time >= {HourClock.Ns(from)} AND time < {HourClock.Ns(to)}{area}", cancellationToken);
        var points = new List<RollupPoint>();
        foreach (var row in series.SelectMany(s => s.Rows()))
        {
            if (!row.TryGetValue("time", out var time) || !time.TryGetInt64(out var ns))
                continue;
            var totals = new RollupTotals();
            foreach (var field in RollupFields.All)
            {
                if (row.TryGetValue(field, out var value) && value.ValueKind == JsonValueKind.Number)
                    totals.Add(field, value.GetDouble());
            }
            points.Add(new RollupPoint(DateTimeOffset.FromUnixTimeMilliseconds(ns / 1_000_000), Text(row, "device"), Text(row, "area"), Text(row, "kind"), totals));
        }
        return points;
    }

    /// <summary>Each device's fields summed over [from, to), added up by InfluxDB (a day is 24 points per device).</summary>
    public async Task<IReadOnlyList<RollupPoint>> SumByDeviceAsync(string policy, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var series = await influx.SeriesAsync(
            $"SELECT sum(*) FROM {Qualified(policy, RollupFields.DeviceMeasurement)} WHERE time >= {HourClock.Ns(from)} AND time < {HourClock.Ns(to)} " +
            "GROUP BY device, area, kind", cancellationToken);
        var points = new List<RollupPoint>(series.Count);
        foreach (var s in series)
        {
            var totals = new RollupTotals();
            foreach (var row in s.Rows())
            {
                foreach (var field in RollupFields.All)
                {
                    if (row.TryGetValue("sum_" + field, out var value) && value.ValueKind == JsonValueKind.Number)
                        totals.Add(field, value.GetDouble());
                }
            }
            var tags = s.Tags ?? [];
            points.Add(new RollupPoint(from, tags.GetValueOrDefault("device"), tags.GetValueOrDefault("area"), tags.GetValueOrDefault("kind"), totals));
        }
        return points;
    }

    private string Qualified(string policy, string measurement) => $"\"{influxOptions.Value.Database}\".\"{policy}\".\"{measurement}\"";

    private static string? Text(IReadOnlyDictionary<string, JsonElement> row, string column) =>
        row.TryGetValue(column, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
