using Npgsql;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.CitizenReports;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// <see cref="IIndicatorSource"/> over the rollups: a period's table from the daily rollups per area (the city is their
/// sum), trends by hour from the hourly rollups and by day from the daily ones; today is in both, as of the last
/// recent run (every 5 minutes, the current hour up to its last whole minute). The citizen-report keys come from
/// PostgreSQL (<see cref="ReportFigures"/>), reports received in the period.
/// </summary>
public sealed class RollupIndicatorSource(RollupStore store, ReportFigures reports, CityInventory inventory) : IIndicatorSource
{
    private readonly CityCalendar _calendar = CityCalendar.For(inventory);
    private readonly HashSet<string> _areas = inventory.Areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);

    public Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken) =>
        Answering(() => ReadTableAsync(days, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain,
        CancellationToken cancellationToken) =>
        Answering(() => ReadTrendAsync(indicatorKey, areaId, days, grain, cancellationToken), cancellationToken);

    /// <summary>A store that does not answer is said as such (503 to an API caller), not as a bug (500).</summary>
    private static async Task<T> Answering<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQlException or NpgsqlException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new IndicatorsUnavailableException($"The leaders' figures cannot be read now: {ex.Message}", ex);
        }
    }

    private async Task<IndicatorTable> ReadTableAsync(CityDays days, CancellationToken cancellationToken)
    {
        var (from, to) = Span(days);
        var points = await store.ReadAsync(store.DailyPolicy, RollupFields.AreaMeasurement, from, to, null, cancellationToken);
        var city = new RollupTotals();
        var areas = inventory.Areas.ToDictionary(a => a.Id, _ => new RollupTotals(), StringComparer.Ordinal);
        foreach (var point in points)
        {
            city.Add(point.Totals);
            if (point.Area is not null && areas.TryGetValue(point.Area, out var area))
                area.Add(point.Totals);
        }
        var figures = await reports.ComputeAsync(null, bySource: false, cancellationToken, from, to);
        var reportAreas = figures.Areas.Where(f => f.Key is not null).ToDictionary(f => f.Key!, StringComparer.Ordinal);
        return new IndicatorTable(days,
            Values(city, figures.City),
            areas.ToDictionary(a => a.Key, a => Values(a.Value, reportAreas.GetValueOrDefault(a.Key)), StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<IndicatorPoint>> ReadTrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain,
        CancellationToken cancellationToken)
    {
        var definition = IndicatorCatalog.Find(indicatorKey)
            ?? throw new ArgumentException($"'{indicatorKey}' is not a leaders' indicator.", nameof(indicatorKey));
        var (from, to) = Span(days);
        var starts = grain == IndicatorGrain.Hour
            ? HourClock.Hours(from, to).ToList()
            : days.Days().Select(_calendar.StartOf).ToList();
        // Not measured here, or an area the inventory does not have: nothing to read, every point null (and no
        // caller's text ever reaches a query).
        if (!definition.Measured || (areaId is not null && !_areas.Contains(areaId)))
            return starts.Select(s => new IndicatorPoint(s, null)).ToList();
        if (RollupIndicators.FromRollups.Contains(indicatorKey))
        {
            var policy = grain == IndicatorGrain.Hour ? store.HourlyPolicy : store.DailyPolicy;
            var points = await store.ReadAsync(policy, RollupFields.AreaMeasurement, from, to, areaId, cancellationToken);
            var byStart = new Dictionary<DateTimeOffset, RollupTotals>();
            foreach (var point in points)
            {
                if (!byStart.TryGetValue(point.Start, out var totals))
                    byStart[point.Start] = totals = new RollupTotals();
                totals.Add(point.Totals);
            }
            return starts.Select(s => new IndicatorPoint(s, byStart.TryGetValue(s, out var t) ? RollupIndicators.Value(indicatorKey, t) : null)).ToList();
        }
        // Citizen reports: buckets from the first start, an hour or a city day long (+07:00 has no daylight saving).
        var step = grain == IndicatorGrain.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var buckets = await reports.BucketsAsync(areaId, from, to, step, cancellationToken);
        return starts.Select(s => new IndicatorPoint(s, ReportValue(indicatorKey, buckets.GetValueOrDefault(s)))).ToList();
    }

    private (DateTimeOffset From, DateTimeOffset To) Span(CityDays days) => (_calendar.StartOf(days.From), _calendar.StartOf(days.To.AddDays(1)));

    private static IndicatorValues Values(RollupTotals totals, ReportFigure? reports)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var definition in IndicatorCatalog.All)
        {
            values[definition.Key] = !definition.Measured ? null
                : RollupIndicators.FromRollups.Contains(definition.Key) ? RollupIndicators.Value(definition.Key, totals)
                : ReportValue(definition.Key, reports);
        }
        return new IndicatorValues(values);
    }

    /// <summary>No report received: 0 received (a count), and the share and median null (nothing to measure).</summary>
    private static double? ReportValue(string key, ReportFigure? figure) => figure is not { Received: > 0 }
        ? key == IndicatorCatalog.CitizenReportsReceived ? 0 : null
        : key switch
    {
        IndicatorCatalog.CitizenReportsReceived => figure.Received,
        IndicatorCatalog.CitizenReportsAnsweredPercent => RollupIndicators.Round(key, 100.0 * figure.Answered / figure.Received),
        IndicatorCatalog.CitizenReportsMedianHoursToAnswer => RollupIndicators.Round(key, figure.MedianMinutesToAnswer / 60),
        _ => null,
    };
}
