using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>An inventory area as the report names it (Vietnamese, with its diacritics).</summary>
public sealed record ReportArea(string Id, string Name);

/// <summary>
/// Everything one report says, gathered before anything is drawn: the indicator tables of the period and of the one
/// before it, traffic speed by hour of day for both, the incidents, and when it was made.
/// </summary>
/// <param name="SpeedByHour">24 values (hour of day 0–23, city time), each the mean over the period's days; null when not measured.</param>
/// <param name="Incidents">Null when the period had no incident to tell about.</param>
public sealed record ReportContent(
    ReportKind Kind,
    CityDays Days,
    string City,
    IndicatorTable Current,
    IndicatorTable Previous,
    IReadOnlyList<ReportArea> Areas,
    IReadOnlyList<double?> SpeedByHour,
    IReadOnlyList<double?> PreviousSpeedByHour,
    IncidentSummary? Incidents,
    DateTimeOffset GeneratedAt,
    TimeZoneInfo Zone)
{
    public string Title => Kind.Title(Days);

    /// <summary>An area's value of one indicator in this period.</summary>
    public double? AreaValue(string areaId, string key) => Current.Areas.TryGetValue(areaId, out var values) ? values[key] : null;
}
