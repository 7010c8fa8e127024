namespace OpsCenter.Contracts.Security;

/// <summary>
/// Who may do what, the same in every service (the Server issues tokens with these roles; Ingest checks them). People sign in with one of the first four; the last three are only ever held by service keys
/// (machines), so a stolen person's password can never post reports and a stolen app key can never read them.
/// </summary>
public static class Roles
{
    /// <summary>Works incidents and answers citizen reports: sees reporter contacts.</summary>
    public const string Operator = "operator";

    /// <summary>Summary dashboards and reports, read-only; no personal data.</summary>
    public const string Leader = "leader";

    /// <summary>Devices, rules, users and service keys; may also answer reports.</summary>
    public const string Admin = "admin";

    /// <summary>Kiosk wall screens: view-only live KPIs, long-lived session, no personal data.</summary>
    public const string Wall = "wall";

    /// <summary>Service key of the citizens' app backend: may only post field reports.</summary>
    public const string Reporter = "reporter";

    /// <summary>Service key of a metrics scraper: may only read <c>/metrics</c>.</summary>
    public const string Monitor = "monitor";

    /// <summary>Service key of a city department's system: may only post socio-economic figures (e.g. the statistics office's monthly series).</summary>
    public const string Department = "department";

    public static readonly IReadOnlyList<string> People = [Operator, Leader, Admin, Wall];
    public static readonly IReadOnlyList<string> Services = [Reporter, Monitor, Department];
    public static readonly IReadOnlyList<string> All = [.. People, .. Services];

    /// <summary>Comma-joined, as <c>RequireRole</c> and <c>[Authorize(Roles = ...)]</c> take them.</summary>
    public const string AnyPerson = Operator + "," + Leader + "," + Admin + "," + Wall;
    public const string ReportReaders = Operator + "," + Leader + "," + Admin;
    public const string ReportAnswerers = Operator + "," + Admin;

    /// <summary>The operator console and what only it shows (dead letters): the people who run the control room.</summary>
    public const string ConsoleUsers = Operator + "," + Admin;

    /// <summary>Incidents and their trails: leaders read them (and the counts) but never change them.</summary>
    public const string IncidentReaders = Operator + "," + Leader + "," + Admin;

    /// <summary>Who works incidents (acknowledge, resolve, notes…) and sets maintenance windows.</summary>
    public const string IncidentWorkers = Operator + "," + Admin;

    /// <summary>A device's stored history: aggregates only, so leaders may read it too.</summary>
    public const string HistoryReaders = Operator + "," + Leader + "," + Admin;

    /// <summary>The leaders' dashboard, its indicators, trends and socio-economic figures: city leaders, and admins who set it up.</summary>
    public const string Leaders = Leader + "," + Admin;
}
