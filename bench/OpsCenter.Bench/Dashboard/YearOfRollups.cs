using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.TimeSeries;

namespace OpsCenter.Bench.Dashboard;

/// <summary>What writing the year took: points per policy and the wall time.</summary>
internal sealed record WrittenYear(long HourlyPoints, long DailyPoints, TimeSpan Took);

/// <summary>
/// A year of rollups for every inventory device and area, written with the product's own <see cref="RollupStore"/>
/// and <see cref="RollupTotals"/> lines, so the Server's real indicator source reads them as it would a year of jobs'
/// output: hourly points for each hour of the last 365 city days up to the current hour, daily points for each of
/// those days (each the sum of its hours, as the daily rollup is). The pattern is made up but plausible: rush hours
/// slow traffic and lengthen waits, offices work 08–17, a few cameras drop out some hours.
/// </summary>
internal static class YearOfRollups
{
    public const int Days = 365;

    public static async Task<WrittenYear> WriteAsync(Uri influxUrl, CityInventory inventory, DateTimeOffset now)
    {
        var influxOptions = Options.Create(new InfluxOptions { Url = influxUrl.ToString(), Database = "opscenter", TimeoutSeconds = 120 });
        var rollupOptions = Options.Create(new RollupOptions());
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var query = new InfluxQlClient(http, influxOptions);
        // The Server ensures the policies in the background; ensured here too (idempotent) so the writes never race it.
        var bootstrap = new InfluxBootstrap(query, influxOptions, NullLogger<InfluxBootstrap>.Instance);
        await new RollupRetention(bootstrap, rollupOptions, NullLogger<RollupRetention>.Instance).EnsureAsync(CancellationToken.None);
        using var writer = new PointWriter(influxOptions);
        var store = new RollupStore(writer, query, influxOptions, rollupOptions);

        var calendar = CityCalendar.For(inventory);
        var today = calendar.DayOf(now);
        var lastHour = HourClock.HourOf(now);
        long hourly = 0, daily = 0;
        var took = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Days), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (back, ct) =>
        {
            var day = today.AddDays(-back);
            var start = calendar.StartOf(day);
            var hours = Enumerable.Range(0, 24).Select(h => start.AddHours(h)).Where(h => h <= lastHour).ToList();
            var (hourLines, dayLines) = Day(inventory, day, start, hours);
            await store.WriteAsync(store.HourlyPolicy, hourLines, ct);
            await store.WriteAsync(store.DailyPolicy, dayLines, ct);
            Interlocked.Add(ref hourly, hourLines.Count);
            Interlocked.Add(ref daily, dayLines.Count);
        });
        took.Stop();
        return new WrittenYear(hourly, daily, took.Elapsed);
    }

    /// <summary>One city day: each device's and area's hours, and the day as their sums.</summary>
    private static (List<string> Hours, List<string> Day) Day(CityInventory inventory, DateOnly day, DateTimeOffset start, IReadOnlyList<DateTimeOffset> hours)
    {
        var hourLines = new List<string>();
        var deviceDays = inventory.Devices.ToDictionary(d => d.Id, _ => new RollupTotals(), StringComparer.Ordinal);
        foreach (var hour in hours)
        {
            var areas = new Dictionary<string, RollupTotals>(StringComparer.Ordinal);
            var localHour = (hour - start).Hours;
            for (var i = 0; i < inventory.Devices.Count; i++)
            {
                var device = inventory.Devices[i];
                var totals = DeviceHour(device.Kind, i, day.DayNumber, localHour);
                if (totals.IsEmpty)
                    continue;
                hourLines.Add(totals.ToLine(RollupFields.DeviceMeasurement, [("device", device.Id), ("area", device.AreaId), ("kind", device.Kind)], hour));
                deviceDays[device.Id].Add(totals);
                if (!areas.TryGetValue(device.AreaId, out var area))
                    areas[device.AreaId] = area = new RollupTotals();
                area.Add(totals);
            }
            hourLines.AddRange(areas.Select(a => a.Value.ToLine(RollupFields.AreaMeasurement, [("area", a.Key)], hour)));
        }
        var dayLines = new List<string>();
        var dayAreas = new Dictionary<string, RollupTotals>(StringComparer.Ordinal);
        foreach (var device in inventory.Devices)
        {
            var totals = deviceDays[device.Id];
            if (totals.IsEmpty)
                continue;
            dayLines.Add(totals.ToLine(RollupFields.DeviceMeasurement, [("device", device.Id), ("area", device.AreaId), ("kind", device.Kind)], start));
            if (!dayAreas.TryGetValue(device.AreaId, out var area))
                dayAreas[device.AreaId] = area = new RollupTotals();
            area.Add(totals);
        }
        dayLines.AddRange(dayAreas.Select(a => a.Value.ToLine(RollupFields.AreaMeasurement, [("area", a.Key)], start)));
        return (hourLines, dayLines);
    }

    private static RollupTotals DeviceHour(string kind, int device, int dayNumber, int localHour)
    {
        var totals = new RollupTotals();
        var rush = localHour is 7 or 8 or 17 or 18;
        var wobble = (device * 7 + dayNumber * 3 + localHour) % 5; // 0…4, so no two days look the same
        switch (kind)
        {
            case "camera":
                totals.Touch(RollupFields.Camera);
                totals.Add(RollupFields.CameraExpectedMinutes, 60);
                totals.Add(RollupFields.CameraOnlineMinutes, wobble == 0 && device % 10 == 0 ? 35 : 60);
                break;
            case "traffic":
                totals.Touch(RollupFields.Traffic);
                var speed = (rush ? 22 : localHour is >= 22 or < 5 ? 48 : 36) + wobble;
                totals.Add(RollupFields.SpeedMinutes, 60);
                totals.Add(RollupFields.SpeedSum, 60 * speed);
                totals.Add(RollupFields.CongestedMinutes, rush ? 20 + wobble : 0);
                break;
            default:
                if (localHour is < 8 or >= 17)
                    break; // closed: nothing measured, so nothing written
                totals.Touch(RollupFields.Office);
                var waits = 8 + wobble;
                totals.Add(RollupFields.Waits, waits);
                totals.Add(RollupFields.WaitSecondsSum, waits * (rush ? 900 : 420));
                totals.Add(RollupFields.Services, waits);
                totals.Add(RollupFields.ServiceSecondsSum, waits * 380);
                totals.Add(RollupFields.Served, waits);
                totals.Add(RollupFields.NoShows, wobble == 4 ? 1 : 0);
                totals.Add(RollupFields.CasesReceived, 3);
                totals.Add(RollupFields.CasesOnline, 1 + (wobble % 2));
                totals.Add(RollupFields.CasesResolved, 3);
                totals.Add(RollupFields.CasesOnTime, wobble == 3 ? 2 : 3);
                totals.Add(RollupFields.ProcessingSecondsSum, 3 * 2.5 * 86_400);
                totals.Add(RollupFields.RatingSum, 4 * 4.5);
                totals.Add(RollupFields.Ratings, 4);
                break;
        }
        return totals;
    }
}
