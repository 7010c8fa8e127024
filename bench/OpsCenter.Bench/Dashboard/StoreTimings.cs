using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.TimeSeries;

namespace OpsCenter.Bench.Dashboard;

/// <summary>
/// Where a request's time goes: the same <see cref="RollupStore.ReadAsync"/> reads the indicator source makes for it,
/// made from the bench process straight to InfluxDB (InfluxQL over HTTP, JSON parsed), without the Server around them.
/// </summary>
internal static class StoreTimings
{
    public static async Task<IReadOnlyList<(string Read, List<double> Ms, int Points)>> MeasureAsync(Uri influxUrl, CityInventory inventory, DateOnly today, int trials)
    {
        var influxOptions = Options.Create(new InfluxOptions { Url = influxUrl.ToString(), Database = "opscenter", TimeoutSeconds = 120 });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        using var writer = new PointWriter(influxOptions);
        var store = new RollupStore(writer, new InfluxQlClient(http, influxOptions), influxOptions, Options.Create(new RollupOptions()));
        var calendar = CityCalendar.For(inventory);
        var tomorrow = calendar.StartOf(today.AddDays(1));
        (string Read, string Policy, DateTimeOffset From)[] reads =
        [
            ("one day's table (daily rollup_area; the summary makes 8 of these at once)", store.DailyPolicy, calendar.StartOf(today)),
            ("a year by day (daily rollup_area, 366 days)", store.DailyPolicy, calendar.StartOf(today.AddDays(-365))),
            ("a month by day (daily rollup_area, 30 days)", store.DailyPolicy, calendar.StartOf(today.AddDays(-29))),
            ("a week by hour (hourly rollup_area, 7 days)", store.HourlyPolicy, calendar.StartOf(today.AddDays(-6))),
        ];
        var results = new List<(string, List<double>, int)>();
        foreach (var (read, policy, from) in reads)
        {
            var points = (await store.ReadAsync(policy, RollupFields.AreaMeasurement, from, tomorrow, null, CancellationToken.None)).Count; // warm-up
            var samples = new List<double>();
            for (var trial = 0; trial < trials; trial++)
            {
                var watch = Stopwatch.StartNew();
                await store.ReadAsync(policy, RollupFields.AreaMeasurement, from, tomorrow, null, CancellationToken.None);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
            results.Add((read, samples, points));
        }
        return results;
    }
}
