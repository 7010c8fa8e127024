namespace OpsCenter.Contracts.Live;

/// <summary>
/// The views a screen can follow on <see cref="Hubs.HubPaths.Live"/>. Each view is a flat document of keys to values
/// (numbers, text, booleans, null); a screen gets the whole document first and then only the keys that changed.
/// Keys are listed in <c>docs/realtime-api.md</c>.
/// </summary>
public static class LiveViews
{
    /// <summary>The wall and the leaders' live figures: city-wide and per-area KPIs, every device's state for the map.</summary>
    public const string City = "city";

    /// <summary>Active, top-level incidents not silenced by maintenance, and their counts by severity: the wall's ticker, the console's list.</summary>
    public const string Incidents = "incidents";

    private const string AreaPrefix = "area:";

    /// <summary>The console's drill-down into one area: its KPIs and its devices with state, last seen, latest readings.</summary>
    public static string Area(string areaId) => AreaPrefix + areaId;

    public static bool TryParseArea(string view, out string areaId)
    {
        areaId = view.StartsWith(AreaPrefix, StringComparison.Ordinal) ? view[AreaPrefix.Length..] : "";
        return areaId.Length > 0;
    }
}
