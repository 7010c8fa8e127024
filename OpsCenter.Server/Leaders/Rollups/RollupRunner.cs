using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Recomputes given hours from the raw readings (per device, then per area as the sum of its devices) and then the
/// city days holding them from the hourly rollups (so a day is exactly the sum of its 24 hours). Writes replace what
/// was there: recomputing is how late data gets in, and running it twice changes nothing.
/// </summary>
public sealed partial class RollupRunner(RawRollup raw, RollupStore store, CityInventory inventory, ILogger<RollupRunner> logger)
{
    /// <summary>At most a day of hours is computed and written at once, to bound memory on a big city.</summary>
    private const int HoursPerPass = 24;

    private readonly CityCalendar _calendar = CityCalendar.For(inventory);
    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public CityCalendar Calendar => _calendar;

    /// <returns>How many hourly device points were written.</returns>
    public async Task<int> RecomputeAsync(IEnumerable<DateTimeOffset> hours, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = hours.Select(HourClock.HourOf).Where(h => h < now).Distinct().Order().ToList();
        var written = 0;
        foreach (var (from, to) in Runs(wanted))
        {
            var computed = await raw.ComputeAsync(from, to, now, cancellationToken);
            var lines = new List<string>(computed.Count * 2);
            var areas = new Dictionary<(DateTimeOffset, string), RollupTotals>();
            foreach (var ((hour, deviceId), totals) in computed)
            {
                var device = _devices[deviceId];
                lines.Add(totals.ToLine(RollupFields.DeviceMeasurement, [("device", device.Id), ("area", device.AreaId), ("kind", device.Kind)], hour));
                Sum(areas, hour, device.AreaId).Add(totals);
            }
            lines.AddRange(areas.Select(a => a.Value.ToLine(RollupFields.AreaMeasurement, [("area", a.Key.Item2)], a.Key.Item1)));
            await store.WriteAsync(store.HourlyPolicy, lines, cancellationToken);
            written += computed.Count;
        }
        foreach (var day in wanted.Select(_calendar.DayOf).Distinct())
            await RecomputeDayAsync(day, cancellationToken);
        LogRecomputed(wanted.Count, written);
        return written;
    }

    /// <summary>A city day from its hourly rollups, per device and per area.</summary>
    public async Task RecomputeDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = _calendar.StartOf(day);
        var devices = await store.SumByDeviceAsync(store.HourlyPolicy, start, _calendar.StartOf(day.AddDays(1)), cancellationToken);
        var lines = new List<string>(devices.Count + 16);
        var areas = new Dictionary<(DateTimeOffset, string), RollupTotals>();
        foreach (var device in devices.Where(d => !string.IsNullOrEmpty(d.Device) && !d.Totals.IsEmpty))
        {
            var area = device.Area ?? "";
            lines.Add(device.Totals.ToLine(RollupFields.DeviceMeasurement, [("device", device.Device!), ("area", area), ("kind", device.Kind ?? "")], start));
            Sum(areas, start, area).Add(device.Totals);
        }
        lines.AddRange(areas.Select(a => a.Value.ToLine(RollupFields.AreaMeasurement, [("area", a.Key.Item2)], start)));
        await store.WriteAsync(store.DailyPolicy, lines, cancellationToken);
    }

    /// <summary>Consecutive hours as [from, to) runs of at most <see cref="HoursPerPass"/>.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Runs(List<DateTimeOffset> hours)
    {
        for (var i = 0; i < hours.Count;)
        {
            var from = hours[i];
            var count = 1;
            while (i + count < hours.Count && count < HoursPerPass && hours[i + count] == from.AddHours(count))
                count++;
            yield return (from, from.AddHours(count));
            i += count;
        }
    }

    private static RollupTotals Sum(Dictionary<(DateTimeOffset, string), RollupTotals> sums, DateTimeOffset start, string area)
    {
        if (!sums.TryGetValue((start, area), out var totals))
            sums[(start, area)] = totals = new RollupTotals();
        return totals;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollups: recomputed {Hours} hours ({Points} device points) and their days")]
    private partial void LogRecomputed(int hours, int points);
}
