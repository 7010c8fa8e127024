namespace OpsCenter.Server.Leaders.Figures;

public sealed record FigurePoint(string Period, DateOnly Start, decimal Value);

public sealed record FigureLatest(string Period, decimal Value, string Source, DateTimeOffset ImportedAt);

/// <summary>
/// One indicator's series of one period kind (a department may publish monthly and yearly values of the same
/// indicator: two series), with its latest value and the change against the same period a year earlier.
/// </summary>
/// <param name="YearOnYearPercent">(latest − year earlier) ÷ year earlier × 100, 1 decimal; null without a value a year earlier or when it is 0.</param>
/// <param name="YearOnYearRatio">latest ÷ year earlier, 2 decimals ("five times a year earlier" = 5); null likewise.</param>
/// <param name="Demo">The figures came from the demo data set (their source says "demo"): the page marks them.</param>
public sealed record FigureSeries(
    string Indicator, string Unit, string PeriodKind, FigureLatest Latest, FigurePoint? YearEarlier,
    double? YearOnYearPercent, double? YearOnYearRatio, bool Demo, IReadOnlyList<FigurePoint> Points)
{
    /// <summary>How far back the trend goes: two years of months, three of quarters, ten years, two months of days.</summary>
    public static int TrendLength(Figures.PeriodKind kind) => kind switch
    {
        Figures.PeriodKind.Month => 24,
        Figures.PeriodKind.Quarter => 12,
        Figures.PeriodKind.Year => 10,
        _ => 60,
    };

    public static IReadOnlyList<FigureSeries> From(IReadOnlyList<StoredFigure> figures) =>
    [
        .. figures
            .GroupBy(f => (f.Indicator, f.Period.Kind))
            .Select(g => Of([.. g.OrderBy(f => f.Period.Start)]))
            .OrderBy(s => s.Indicator, StringComparer.Ordinal).ThenBy(s => s.PeriodKind, StringComparer.Ordinal),
    ];

    private static FigureSeries Of(IReadOnlyList<StoredFigure> ordered)
    {
        var latest = ordered[^1];
        var yearEarlierPeriod = latest.Period.YearEarlier;
        var yearEarlier = ordered.FirstOrDefault(f => f.Period == yearEarlierPeriod);
        double? percent = null, ratio = null;
        if (yearEarlier is not null && yearEarlier.Value != 0)
        {
            var r = (double)(latest.Value / yearEarlier.Value);
            ratio = Math.Round(r, 2);
            percent = Math.Round((r - 1) * 100, 1);
        }
        var points = ordered.TakeLast(TrendLength(latest.Period.Kind)).Select(Point).ToList();
        return new FigureSeries(latest.Indicator, latest.Unit, latest.Period.KindName,
            new FigureLatest(latest.Period.ToString(), latest.Value, latest.Source, latest.ImportedAt),
            yearEarlier is null ? null : Point(yearEarlier), percent, ratio,
            latest.Source.StartsWith("demo", StringComparison.OrdinalIgnoreCase), points);
    }

    private static FigurePoint Point(StoredFigure f) => new(f.Period.ToString(), f.Period.Start, f.Value);
}
