namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// A <c>citizen_reports</c> row as Dapper reads and writes it: properties named after the columns (snake_case mapped
/// to PascalCase), set by name, so column order does not matter. Only <see cref="ReportStore"/> sees it.
/// </summary>
internal sealed class ReportRow
{
    public string ReportId { get; init; } = "";
    public DateTimeOffset Ts { get; init; }
    public string Category { get; init; } = "";
    public string Description { get; init; } = "";
    public double Lat { get; init; }
    public double Lon { get; init; }
    public string? PhotoUrl { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public string? ReporterEmail { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string ReceivedFrom { get; init; } = "";
    public string SourceSystem { get; init; } = "";
    public string? AreaId { get; init; }
    public string? AnswerText { get; init; }
    public string? AnsweredBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public bool? CitizenAgreed { get; init; }
    public DateTimeOffset? VerdictAt { get; init; }
    public int Version { get; init; } = 1;

    public static ReportRow From(CitizenReport report) => new()
    {
        ReportId = report.ReportId,
        Ts = report.Ts,
        Category = report.Category,
        Description = report.Description,
        Lat = report.Lat,
        Lon = report.Lon,
        PhotoUrl = report.PhotoUrl,
        ReporterName = report.Reporter?.Name,
        ReporterPhone = report.Reporter?.Phone,
        ReporterEmail = report.Reporter?.Email,
        ReceivedAt = report.ReceivedAt,
        ReceivedFrom = report.ReceivedFrom,
        SourceSystem = report.SourceSystem,
        AreaId = report.AreaId,
        AnswerText = report.OperatorAnswer?.Text,
        AnsweredBy = report.OperatorAnswer?.By,
        AnsweredAt = report.OperatorAnswer?.At,
        CitizenAgreed = report.Verdict?.Agreed,
        VerdictAt = report.Verdict?.At,
        Version = report.Version,
    };

    public CitizenReport ToReport() => CitizenReport.Restore(
        ReportId, Ts, Category, Description, Lat, Lon, PhotoUrl, new ReporterContact(ReporterName, ReporterPhone, ReporterEmail),
        ReceivedAt, ReceivedFrom, SourceSystem, AreaId,
        AnswerText is not null && AnsweredBy is not null && AnsweredAt is { } answeredAt ? new ReportAnswer(AnsweredBy, AnswerText, answeredAt) : null,
        CitizenAgreed is { } agreed && VerdictAt is { } verdictAt ? new CitizenVerdict(agreed, verdictAt) : null,
        Version);
}
