namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// A field report as the citizens' app backend posts it (see the telemetry contract, "Outside MQTT"). Unknown fields
/// are ignored.
/// </summary>
public sealed record ReportSubmission(
    string? ReportId, string? Ts, string? Category, string? Description, double? Lat, double? Lon, string? PhotoUrl,
    ReporterContact? Reporter, string? Source = null);

/// <summary>What the Server knows when a submission arrives: who delivered it, when, the configured source systems and the city's areas.</summary>
public sealed record ReportIntake(
    string ReceivedFrom, DateTimeOffset Now, IReadOnlyCollection<string>? KnownSources = null, Func<double, double, string?>? AreaOf = null);

/// <summary>Personal data: only roles that answer reports see it, each viewing is audited, it is never logged.</summary>
public sealed record ReporterContact(string? Name, string? Phone, string? Email)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email);
}
