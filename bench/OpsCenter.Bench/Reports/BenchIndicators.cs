using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Bench.Reports;

/// <summary>
/// Plausible figures for every measured indicator, city-wide and for every area of the city, and a day's hourly speed
/// curve: what the rollups would answer, without InfluxDB, so the benchmark times the report itself.
/// </summary>
internal sealed class BenchIndicators(CityInventory city) : IIndicatorSource
{
    public Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken)
    {
        var random = new Random(days.From.DayNumber);
        IndicatorValues Values() => new(IndicatorCatalog.Measured.ToDictionary(d => d.Key, d => (double?)Value(d, random)));
        return Task.FromResult(new IndicatorTable(days, Values(), city.Areas.ToDictionary(a => a.Id, _ => Values())));
    }

    public Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(days.From.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var step = grain == IndicatorGrain.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var count = grain == IndicatorGrain.Hour ? days.Count * 24 : days.Count;
        // Rush hours slow the traffic down: 7–9 and 17–19.
        IReadOnlyList<IndicatorPoint> points = [.. Enumerable.Range(0, count).Select(i =>
        {
            var hour = (i % 24);
            var rush = hour is 7 or 8 or 17 or 18;
            var shift = days.From.DayNumber % 3; // the previous period reads a little different
            return new IndicatorPoint(start + (step * i), (rush ? 18 + (hour % 3) : 32 + (hour % 5)) - shift);
        })];
        return Task.FromResult(points);
    }

    private static double Value(IndicatorDefinition definition, Random random) => definition.Unit switch
    {
        "%" => 70 + (random.NextDouble() * 30),
        "/5" => 3.5 + random.NextDouble(),
        _ when definition.Decimals == 0 => random.Next(100, 5000),
        _ => 5 + (random.NextDouble() * 40),
    };
}
