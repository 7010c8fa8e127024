using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>One indicator of one scope on the dashboard: the day, the day before, and the mean of the 7 days before the day.</summary>
public sealed record DayComparison(double? Day, double? PreviousDay, double? SevenDayAverage);

public sealed record SummaryIndicator(
    string Key, string NameVi, string NameEn, string UnitVi, string UnitEn, int Decimals, bool HigherIsBetter,
    string? Decision766Group, bool Measured, bool Volume, string DefinitionVi, string DefinitionEn, string? LiveKpi,
    DayComparison City, IReadOnlyDictionary<string, DayComparison> Areas);

public sealed record SummaryArea(string Id, string Name, string? NameEn);

/// <summary>A group of Decision 766/QĐ-TTg's criteria and whether anything here measures it.</summary>
public sealed record Decision766Group(string Group, bool Measured, IReadOnlyList<string> Indicators);

public sealed record SummaryPeriods(DateOnly Day, DateOnly PreviousDay, DateOnly SevenDaysFrom, DateOnly SevenDaysTo);

public sealed record LeadersSummaryView(
    DateOnly Day, bool IsToday, string TimeZone, SummaryPeriods Periods, IReadOnlyList<SummaryArea> Areas,
    IReadOnlyList<SummaryIndicator> Indicators, AreaRankingView Ranking, IReadOnlyList<Decision766Group> Decision766);

/// <summary>
/// The dashboard's table: every indicator of the catalogue, city-wide and per area, for a day of the city's calendar,
/// the day before and the 7 days before it. Each day is asked of the indicator source on its own, so the 7-day
/// average is the plain mean of the days that have a value (a day with nothing measured does not count as 0).
/// </summary>
public sealed class LeadersSummary(IIndicatorSource source, CityInventory inventory, TimeProvider clock)
{
    private readonly CityCalendar _calendar = CityCalendar.For(inventory);

    public DateOnly Today => _calendar.DayOf(clock.GetUtcNow());

    public async Task<LeadersSummaryView> BuildAsync(DateOnly day, IndicatorDefinition? rankBy, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, 8).Select(back => day.AddDays(-back)).ToList();
        var tables = await Task.WhenAll(days.Select(d => source.TableAsync(CityDays.Day(d), cancellationToken)));
        var (dayTable, previousTable, week) = (tables[0], tables[1], tables[1..8]);
        var areaIds = inventory.Areas.Select(a => a.Id).ToList();

        var indicators = IndicatorCatalog.All.Select(definition =>
        {
            var key = definition.Key;
            var explanation = IndicatorExplanations.Of(key);
            var (unitVi, unitEn) = SplitUnit(definition.Unit);
            DayComparison Compare(Func<IndicatorTable, IndicatorValues?> scope) => definition.Measured
                ? new DayComparison(scope(dayTable)?[key], scope(previousTable)?[key], Mean(week.Select(t => scope(t)?[key]), definition.Decimals))
                : new DayComparison(null, null, null);
            return new SummaryIndicator(key, definition.NameVi, definition.NameEn, unitVi, unitEn, definition.Decimals,
                definition.HigherIsBetter, definition.Decision766Group, definition.Measured, IndicatorCatalog.Volumes.Contains(key), explanation.Vi, explanation.En,
                definition.Measured ? explanation.LiveKpi : null,
                Compare(t => t.City),
                areaIds.ToDictionary(id => id, id => Compare(t => t.Areas.GetValueOrDefault(id))));
        }).ToList();

        var groups = IndicatorCatalog.All.Where(d => d.Decision766Group is not null)
            .GroupBy(d => d.Decision766Group!)
            .Select(g => new Decision766Group(g.Key, g.Any(d => d.Measured), [.. g.Select(d => d.Key)]))
            .ToList();

        return new LeadersSummaryView(day, day == Today, inventory.TimeZone,
            new SummaryPeriods(day, day.AddDays(-1), day.AddDays(-7), day.AddDays(-1)),
            [.. inventory.Areas.Select(a => new SummaryArea(a.Id, a.Name, a.NameEn))],
            indicators, AreaRanking.Rank(areaIds, dayTable, rankBy), groups);
    }

    /// <summary>"phút|min" → ("phút", "min"); "%" → ("%", "%").</summary>
    public static (string Vi, string En) SplitUnit(string unit)
    {
        var bar = unit.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (unit, unit) : (unit[..bar], unit[(bar + 1)..]);
    }

    private static double? Mean(IEnumerable<double?> values, int decimals)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : Math.Round(present.Average(), decimals + 1);
    }
}
