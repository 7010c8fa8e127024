namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// A citizen's field report and its lifecycle: submitted by the app backend, answered by an operator, then agreed
/// with or disputed by the citizen. The report decides what may happen to it; the store only loads and saves it.
/// </summary>
public sealed partial class CitizenReport
{
    private CitizenReport(
        string reportId, DateTimeOffset ts, string category, string description, double lat, double lon, string? photoUrl,
        ReporterContact? reporter, DateTimeOffset receivedAt, string receivedFrom, string sourceSystem, string? areaId)
    {
        ReportId = reportId;
        Ts = ts;
        Category = category;
        Description = description;
        Lat = lat;
        Lon = lon;
        PhotoUrl = photoUrl;
        Reporter = reporter;
        ReceivedAt = receivedAt;
        ReceivedFrom = receivedFrom;
        SourceSystem = sourceSystem;
        AreaId = areaId;
    }

    public string ReportId { get; }

    /// <summary>When the citizen saw it, as their app stamped it.</summary>
    public DateTimeOffset Ts { get; }

    public string Category { get; }
    public string Description { get; }
    public double Lat { get; }
    public double Lon { get; }
    public string? PhotoUrl { get; }

    /// <summary>Personal data; null when the reporter left no way to reach them.</summary>
    public ReporterContact? Reporter { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The service key that delivered it.</summary>
    public string ReceivedFrom { get; }

    /// <summary>The city's intake system it came through (app, hotline, portal…); the figures are split by it.</summary>
    public string SourceSystem { get; }

    /// <summary>The inventory area whose centre is nearest; null when the city has no areas.</summary>
    public string? AreaId { get; }

    /// <summary>The stored version it was loaded at (1 when new): the store saves a change only over this version.</summary>
    public int Version { get; private init; } = 1;

    /// <summary>
    /// Checks a submission against the contract and, when it holds, makes it a report received now. Text is kept
    /// exactly as sent (HTML and SQL included): it is only ever passed as a query parameter and returned JSON-encoded,
    /// and pages set it as text, never as markup.
    /// </summary>
    public static ReportSubmissionResult Submit(ReportSubmission submission, string receivedFrom, DateTimeOffset now) =>
        Submit(submission, new ReportIntake(receivedFrom, now));

    /// <summary>
    /// As above, with the intake's knowledge: the configured source systems (when any, <c>source</c> must be one of
    /// them) and the area the position lies in. Without a <c>source</c> the service key's name stands for it.
    /// </summary>
    public static ReportSubmissionResult Submit(ReportSubmission submission, ReportIntake intake)
    {
        var errors = Check(submission, out var ts);
        var source = submission.Source ?? DefaultSource(intake.ReceivedFrom);
        if (!IsValidSource(source, intake.KnownSources))
            errors["source"] = [intake.KnownSources is { Count: > 0 } known
                ? $"one of {string.Join(", ", known)}"
                : $"1-{MaxSourceLength} characters without control characters"];
        if (errors.Count > 0)
            return ReportSubmissionResult.Refused(errors);
        return ReportSubmissionResult.Accepted(new CitizenReport(
            submission.ReportId!, ts, submission.Category!, submission.Description!, submission.Lat!.Value, submission.Lon!.Value,
            submission.PhotoUrl, ContactOrNone(submission.Reporter), intake.Now, intake.ReceivedFrom, source,
            intake.AreaOf?.Invoke(submission.Lat.Value, submission.Lon.Value)));
    }

    /// <summary>A report the store loaded: its rules were checked when it was submitted and when it was answered.</summary>
    internal static CitizenReport Restore(
        string reportId, DateTimeOffset ts, string category, string description, double lat, double lon, string? photoUrl,
        ReporterContact? reporter, DateTimeOffset receivedAt, string receivedFrom, string sourceSystem, string? areaId,
        ReportAnswer? answer, CitizenVerdict? verdict, int version) =>
        new(reportId, ts, category, description, lat, lon, photoUrl, ContactOrNone(reporter), receivedAt, receivedFrom, sourceSystem, areaId)
        {
            OperatorAnswer = answer,
            Verdict = verdict,
            Version = version,
        };

    /// <summary>Blank contact fields are no contact: a report either has a way to reach its reporter or none.</summary>
    private static ReporterContact? ContactOrNone(ReporterContact? contact)
    {
        if (contact is null || contact.IsEmpty)
            return null;
        return new ReporterContact(Blank(contact.Name), Blank(contact.Phone), Blank(contact.Email));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
