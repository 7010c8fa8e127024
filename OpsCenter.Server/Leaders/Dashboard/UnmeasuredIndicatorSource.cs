using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>
/// Answers "nothing measured" for every figure. Registered only when no real source is (the rollups register theirs
/// first), so a Server without rollups shows its dashboard with "—" rather than failing; it never invents a value.
/// </summary>
internal sealed class UnmeasuredIndicatorSource : IIndicatorSource
{
    private static readonly IndicatorValues Nothing = new(new Dictionary<string, double?>());

    public Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken) =>
        Task.FromResult(new IndicatorTable(days, Nothing, new Dictionary<string, IndicatorValues>()));

    public Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<IndicatorPoint>>([]);
}
