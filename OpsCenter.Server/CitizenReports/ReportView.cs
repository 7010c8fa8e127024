namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// What readers of reports get: everything except the reporter's contact. Built by Dapper through its constructor,
/// so the store's query names its columns like these parameters, in this order.
/// </summary>
public sealed record ReportView(
    string ReportId, DateTimeOffset Ts, string Category, string Description, double Lat, double Lon, string? PhotoUrl,
    bool HasReporterContact, DateTimeOffset ReceivedAt, string SourceSystem, string? AreaId, string? AnswerText,
    string? AnsweredBy, DateTimeOffset? AnsweredAt, bool? CitizenAgreed, DateTimeOffset? VerdictAt);
