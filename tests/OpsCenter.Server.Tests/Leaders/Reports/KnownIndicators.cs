using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Tests.Leaders.Reports;

/// <summary>
/// An indicator source with known numbers, standing in for the rollups so the reports' tests can name what the PDF
/// must say: a period starting on a day in <see cref="CurrentStarts"/> gets the "current" figures, any other period
/// (the previous one a report compares with) the "previous" ones, city-wide only.
/// </summary>
public sealed class KnownIndicators : IIndicatorSource
{
    public const string HongBang = "hongbang";
    public const string LeChan = "lechan";

    /// <summary>Set to make every read fail, as an unreachable InfluxDB would.</summary>
    public volatile Exception? FailWith;

    public HashSet<DateOnly> CurrentStarts { get; } = [];

    public static IndicatorTable Table(CityDays days, Dictionary<string, double?> city, Dictionary<string, Dictionary<string, double?>> areas) =>
        new(days, new IndicatorValues(city), areas.ToDictionary(a => a.Key, a => new IndicatorValues(a.Value)));

    public static Dictionary<string, double?> CurrentCity => new()
    {
        [IndicatorCatalog.CasesOnTimePercent] = 87.5,
        [IndicatorCatalog.AverageWaitMinutes] = 12.4,
        [IndicatorCatalog.TicketsServed] = 1234,
        [IndicatorCatalog.AverageSpeedKmh] = 31.6,
        [IndicatorCatalog.CameraAvailabilityPercent] = 98.5,
        [IndicatorCatalog.Satisfaction] = 4.27,
    };

    public static Dictionary<string, double?> PreviousCity => new()
    {
        [IndicatorCatalog.CasesOnTimePercent] = 85.0,
        [IndicatorCatalog.AverageWaitMinutes] = 14.1,
        [IndicatorCatalog.TicketsServed] = 1100,
        [IndicatorCatalog.AverageSpeedKmh] = 28.1,
        [IndicatorCatalog.CameraAvailabilityPercent] = 99.0,
    };

    public static Dictionary<string, Dictionary<string, double?>> CurrentAreas => new()
    {
        [HongBang] = new()
        {
            [IndicatorCatalog.CameraAvailabilityPercent] = 97.0, [IndicatorCatalog.AverageSpeedKmh] = 29.4,
            [IndicatorCatalog.AverageWaitMinutes] = 15.2, [IndicatorCatalog.CasesOnTimePercent] = 91.2, [IndicatorCatalog.TicketsServed] = 700,
        },
        [LeChan] = new()
        {
            [IndicatorCatalog.CameraAvailabilityPercent] = 100.0, [IndicatorCatalog.AverageSpeedKmh] = 33.8,
            [IndicatorCatalog.AverageWaitMinutes] = 9.6, [IndicatorCatalog.CasesOnTimePercent] = 83.8, [IndicatorCatalog.TicketsServed] = 534,
        },
    };

    public Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
            throw failure;
        return Task.FromResult(CurrentStarts.Contains(days.From)
            ? Table(days, CurrentCity, CurrentAreas)
            : Table(days, PreviousCity, []));
    }

    /// <summary>Speed 20 km/h at midnight rising by 1 km/h an hour (this period), 5 km/h lower in any other.</summary>
    public Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
            throw failure;
        var offset = CurrentStarts.Contains(days.From) ? 0 : -5;
        var start = new DateTimeOffset(days.From.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        IReadOnlyList<IndicatorPoint> points = [.. Enumerable.Range(0, days.Count * 24)
            .Select(h => new IndicatorPoint(start.AddHours(h), indicatorKey == IndicatorCatalog.AverageSpeedKmh ? 20 + (h % 24) + offset : null))];
        return Task.FromResult(points);
    }
}
