using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Gathers a report's content: figures only through <see cref="IIndicatorSource"/>, incidents from PostgreSQL.</summary>
public sealed class ReportAssembler(IIndicatorSource indicators, IncidentSummaryReader incidents, CityInventory inventory, TimeProvider clock)
{
    private readonly CityCalendar _calendar = CityCalendar.For(inventory);
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(inventory.TimeZone);

    public async Task<ReportContent> AssembleAsync(ReportKind kind, CityDays days, CancellationToken cancellationToken)
    {
        var current = await indicators.TableAsync(days, cancellationToken);
        var previous = await indicators.TableAsync(days.Previous, cancellationToken);
        var speed = await SpeedByHourAsync(days, cancellationToken);
        var previousSpeed = await SpeedByHourAsync(days.Previous, cancellationToken);
        var summary = await incidents.ReadAsync(_calendar.StartOf(days.From), _calendar.StartOf(days.To.AddDays(1)), cancellationToken);
        var areas = inventory.Areas.Select(a => new ReportArea(a.Id, a.Name)).ToList();
        return new ReportContent(kind, days, inventory.City, current, previous, areas, speed, previousSpeed, summary.IsEmpty ? null : summary,
            clock.GetUtcNow(), _zone);
    }

    /// <summary>
    /// The city's average speed for each hour of the day, averaged over the period's days: one day's profile for the
    /// daily report, the typical day for a week or a longer range (a 168-point line says less to a leader).
    /// </summary>
    private async Task<IReadOnlyList<double?>> SpeedByHourAsync(CityDays days, CancellationToken cancellationToken)
    {
        var points = await indicators.TrendAsync(IndicatorCatalog.AverageSpeedKmh, null, days, IndicatorGrain.Hour, cancellationToken);
        var byHour = points
            .Where(p => p.Value is { } v && double.IsFinite(v))
            .GroupBy(p => TimeZoneInfo.ConvertTime(p.Start, _zone).Hour)
            .ToDictionary(g => g.Key, g => g.Average(p => p.Value!.Value));
        return [.. Enumerable.Range(0, 24).Select(hour => byHour.TryGetValue(hour, out var mean) ? mean : (double?)null)];
    }
}
