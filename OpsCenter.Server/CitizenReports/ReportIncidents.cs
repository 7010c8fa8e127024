using System.Text.RegularExpressions;
using OpsCenter.Contracts.CitizenReports;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// A new report becomes an incident of category <c>citizen</c> (type <c>citizenReport</c>, source = report id), so the
/// control room works it beside the devices' incidents; its answer is noted in the incident's trail. Neither carries
/// the reporter's contact: the summary is the category and a short excerpt with anything looking like a phone number
/// or an e-mail address masked, because citizens type those into descriptions too.
/// </summary>
public sealed partial class ReportIncidents(IIncidentSink sink, IncidentStore incidents, ILogger<ReportIncidents> logger)
{
    public const string IncidentType = "citizenReport";
    public const int ExcerptLength = 80;

    public static IncidentSignal SignalFor(CitizenReport report) => new(
        report.ReportId, IncidentType,
        report.Category == ReportCategories.Security ? IncidentSeverities.Major : IncidentSeverities.Minor,
        IncidentCategories.Citizen, report.AreaId, report.ReceivedAt, RuleId: null,
        Summary: $"{report.Category}: {Excerpt(report.Description)}",
        Detail: new Dictionary<string, string> { ["sourceSystem"] = report.SourceSystem, ["category"] = report.Category });

    public static string Excerpt(string description)
    {
        var masked = ContactLike().Replace(description.ReplaceLineEndings(" ").Trim(), "…");
        return masked.Length <= ExcerptLength ? masked : masked[..ExcerptLength].TrimEnd() + "…";
    }

    /// <summary>The report is stored whatever happens here: a failed raise is logged (by report id only), not thrown.</summary>
    public async Task RaiseAsync(CitizenReport report, CancellationToken cancellationToken)
    {
        try
        {
            await sink.RaiseAsync(SignalFor(report), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRaiseFailed(logger, ex.GetType().Name, report.ReportId);
        }
    }

    /// <summary>Cheap and best-effort: the answer itself lives on the report; the trail only says when and by whom.</summary>
    public async Task NoteAnsweredAsync(CitizenReport report, CancellationToken cancellationToken)
    {
        if (report.OperatorAnswer is not { } answer)
            return;
        try
        {
            var incident = await incidents.LoadActiveAsync(report.ReportId, IncidentType, cancellationToken);
            if (incident is null)
                return;
            incident.AddNote(answer.By, answer.At, "Answered the citizen report.");
            await incidents.SaveAsync(incident, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNoteFailed(logger, ex.GetType().Name, report.ReportId);
        }
    }

    // Phone numbers (6+ digits, maybe with spaces, dots, dashes, a leading +) and e-mail addresses.
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+|\+?\d[\d .-]{4,}\d")]
    private static partial Regex ContactLike();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise the incident of citizen report {ReportId} ({Error}); the report is stored.")]
    private static partial void LogRaiseFailed(ILogger logger, string error, string reportId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not note the answer of citizen report {ReportId} in its incident ({Error}).")]
    private static partial void LogNoteFailed(ILogger logger, string error, string reportId);
}
