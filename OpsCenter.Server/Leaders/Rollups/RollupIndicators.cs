using OpsCenter.Server.Leaders.Indicators;
using static OpsCenter.Server.Leaders.Indicators.IndicatorCatalog;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The leaders' indicators as ratios of the rollups' additive sums (docs/kpis.md, "Leaders' indicators"), rounded to
/// the catalogue's decimals. A ratio whose denominator was never measured (or is zero) is null, never 0.
/// </summary>
public static class RollupIndicators
{
    public static readonly IReadOnlyList<string> FromRollups =
    [
        CasesOnTimePercent, AverageProcessingDays, OnlineSharePercent, Satisfaction, AverageWaitMinutes, AverageServiceMinutes,
        NoShowRatePercent, TicketsServed, CameraAvailabilityPercent, AverageSpeedKmh, CongestionHours,
    ];

    public static double? Value(string key, RollupTotals t)
    {
        var value = key switch
        {
            CasesOnTimePercent => Percent(t[RollupFields.CasesOnTime], t[RollupFields.CasesResolved]),
            AverageProcessingDays => Ratio(t[RollupFields.ProcessingSecondsSum], t[RollupFields.CasesResolved], 86_400),
            OnlineSharePercent => Percent(t[RollupFields.CasesOnline], t[RollupFields.CasesReceived]),
            Satisfaction => Ratio(t[RollupFields.RatingSum], t[RollupFields.Ratings]),
            AverageWaitMinutes => Ratio(t[RollupFields.WaitSecondsSum], t[RollupFields.Waits], 60),
            AverageServiceMinutes => Ratio(t[RollupFields.ServiceSecondsSum], t[RollupFields.Services], 60),
            NoShowRatePercent => Percent(t[RollupFields.NoShows], t[RollupFields.Served] + t[RollupFields.NoShows]),
            TicketsServed => t[RollupFields.Served],
            CameraAvailabilityPercent => Percent(t[RollupFields.CameraOnlineMinutes], t[RollupFields.CameraExpectedMinutes]),
            AverageSpeedKmh => Ratio(t[RollupFields.SpeedSum], t[RollupFields.SpeedMinutes]),
            CongestionHours => t[RollupFields.CongestedMinutes] / 60,
            _ => null,
        };
        return Round(key, value);
    }

    public static double? Round(string key, double? value) =>
        value is { } v && Find(key) is { } definition ? Math.Round(v, definition.Decimals, MidpointRounding.AwayFromZero) : value;

    private static double? Ratio(double? sum, double? count, double unit = 1) =>
        sum is { } s && count is { } c && c > 0 ? s / c / unit : null;

    private static double? Percent(double? part, double? whole) => Ratio(part, whole) * 100;
}
