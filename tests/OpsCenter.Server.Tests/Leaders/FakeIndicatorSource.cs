using System.Collections.Concurrent;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// An indicator source with known numbers, standing in for the rollups (tested on their own): a value set for a period,
/// scope and key is answered as is; <see cref="DayCountKey"/> answers the number of days asked for, which shows how a
/// trend cut its weeks and months. Every request is recorded.
/// </summary>
internal sealed class FakeIndicatorSource : IIndicatorSource
{
    public const string DayCountKey = IndicatorCatalog.TicketsServed;

    private readonly ConcurrentDictionary<(CityDays Days, string? Area, string Key), double> _values = new();

    public ConcurrentQueue<CityDays> Tables { get; } = new();
    public ConcurrentQueue<(string Key, string? Area, CityDays Days, IndicatorGrain Grain)> Trends { get; } = new();

    public void Set(DateOnly day, string? area, string key, double value) => _values[(CityDays.Day(day), area, key)] = value;

    public Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken)
    {
        Tables.Enqueue(days);
        IndicatorValues Scope(string? area) => new(IndicatorCatalog.Measured.ToDictionary(d => d.Key, d =>
            d.Key == DayCountKey ? days.Count : _values.TryGetValue((days, area, d.Key), out var v) ? v : (double?)null));
        return Task.FromResult(new IndicatorTable(days, Scope(null),
            new Dictionary<string, IndicatorValues> { ["lechan"] = Scope("lechan"), ["hongbang"] = Scope("hongbang") }));
    }

    /// <summary>One point per hour or day, valued by its position (0, 1, 2…), starting at the city's midnight (+07:00).</summary>
    public Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain,
        CancellationToken cancellationToken)
    {
        Trends.Enqueue((indicatorKey, areaId, days, grain));
        var start = new DateTimeOffset(days.From.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var step = grain == IndicatorGrain.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var count = grain == IndicatorGrain.Hour ? days.Count * 24 : days.Count;
        return Task.FromResult<IReadOnlyList<IndicatorPoint>>([.. Enumerable.Range(0, count).Select(i => new IndicatorPoint(start + step * i, i))]);
    }
}
