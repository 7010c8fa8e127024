namespace OpsCenter.Server.Leaders.Indicators;

/// <summary>Indicator values of one scope (the city or one area), by <see cref="IndicatorDefinition.Key"/>; null when nothing was measured.</summary>
public sealed record IndicatorValues(IReadOnlyDictionary<string, double?> Values)
{
    public double? this[string key] => Values.GetValueOrDefault(key);
}

/// <summary>Every measured indicator over a period, city-wide and per inventory area.</summary>
public sealed record IndicatorTable(CityDays Days, IndicatorValues City, IReadOnlyDictionary<string, IndicatorValues> Areas);

public enum IndicatorGrain { Hour, Day }

/// <summary>One point of a trend: the start of its hour or city day, and the indicator over that hour or day.</summary>
public sealed record IndicatorPoint(DateTimeOffset Start, double? Value);

/// <summary>
/// The leaders' figures over whole city days, read from the rollups (not from raw readings beyond one day). The
/// dashboard, the reports and the API all read through this one seam, so a figure means the same everywhere.
/// </summary>
public interface IIndicatorSource
{
    Task<IndicatorTable> TableAsync(CityDays days, CancellationToken cancellationToken);

    /// <summary>One point per hour or per day of <paramref name="days"/>, oldest first; <paramref name="areaId"/> null for the city.</summary>
    Task<IReadOnlyList<IndicatorPoint>> TrendAsync(string indicatorKey, string? areaId, CityDays days, IndicatorGrain grain,
        CancellationToken cancellationToken);
}
