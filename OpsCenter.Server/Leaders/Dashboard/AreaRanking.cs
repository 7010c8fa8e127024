using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Dashboard;

public sealed record RankedArea(string AreaId, int Rank, double? Score, int Compared);

/// <summary>How areas compare on one day: <see cref="By"/> is "composite" or an indicator key.</summary>
public sealed record AreaRankingView(string By, IReadOnlyList<string> Indicators, IReadOnlyList<RankedArea> Rows);

/// <summary>
/// Areas ranked on one day. The composite gives each area, per quality indicator, 100 for the best area's value and 0
/// for the worst's (linear between; 100 when all are equal) and averages over the indicators it has a value for; volumes
/// (tickets served, reports received, congestion hours summed over detectors) grow with an area's size, so they are
/// left out. Ranked by one indicator, the score is that indicator's value. Areas without any value come last, unranked.
/// </summary>
public static class AreaRanking
{
    public const string Composite = "composite";

    public static IReadOnlyList<IndicatorDefinition> CompositeIndicators { get; } =
        [.. IndicatorCatalog.Measured.Where(d => !IndicatorCatalog.Volumes.Contains(d.Key))];

    public static AreaRankingView Rank(IReadOnlyList<string> areaIds, IndicatorTable day, IndicatorDefinition? by)
    {
        if (by is not null)
        {
            var values = areaIds.Select(id => (Id: id, Value: ValueOf(day, id, by.Key))).ToList();
            return new AreaRankingView(by.Key, [by.Key], Order(values.Select(v => (v.Id, v.Value, v.Value is null ? 0 : 1)), by.HigherIsBetter));
        }

        var scores = areaIds.ToDictionary(id => id, _ => new List<double>());
        foreach (var indicator in CompositeIndicators)
        {
            var present = areaIds.Select(id => (Id: id, Value: ValueOf(day, id, indicator.Key))).Where(v => v.Value is not null).ToList();
            if (present.Count == 0)
                continue;
            var best = indicator.HigherIsBetter ? present.Max(v => v.Value!.Value) : present.Min(v => v.Value!.Value);
            var worst = indicator.HigherIsBetter ? present.Min(v => v.Value!.Value) : present.Max(v => v.Value!.Value);
            foreach (var (id, value) in present)
                scores[id].Add(best == worst ? 100 : 100 * (value!.Value - worst) / (best - worst));
        }
        var composite = areaIds.Select(id => (id, scores[id].Count == 0 ? (double?)null : Math.Round(scores[id].Average(), 1), scores[id].Count));
        return new AreaRankingView(Composite, [.. CompositeIndicators.Select(d => d.Key)], Order(composite, higherIsBetter: true));
    }

    private static double? ValueOf(IndicatorTable day, string areaId, string key) =>
        day.Areas.TryGetValue(areaId, out var values) ? values[key] : null;

    private static List<RankedArea> Order(IEnumerable<(string Id, double? Score, int Compared)> scored, bool higherIsBetter)
    {
        var list = scored.ToList();
        var ranked = list.Where(s => s.Score is not null)
            .OrderBy(s => higherIsBetter ? -s.Score!.Value : s.Score!.Value).ThenBy(s => s.Id, StringComparer.Ordinal)
            .Select((s, i) => new RankedArea(s.Id, i + 1, s.Score, s.Compared));
        var unranked = list.Where(s => s.Score is null).OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => new RankedArea(s.Id, 0, null, 0));
        return [.. ranked, .. unranked];
    }
}
