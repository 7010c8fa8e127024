using System.Diagnostics.CodeAnalysis;

namespace OpsCenter.Server.CitizenReports;

/// <summary>Either the new report or why the submission is not one.</summary>
public sealed class ReportSubmissionResult
{
    private ReportSubmissionResult(CitizenReport? report, Dictionary<string, string[]> errors)
    {
        Report = report;
        Errors = errors;
    }

    public CitizenReport? Report { get; }

    /// <summary>Keyed by field, in the shape of an RFC 7807 validation problem; empty when accepted.</summary>
    public Dictionary<string, string[]> Errors { get; }

    [MemberNotNullWhen(true, nameof(Report))]
    public bool IsAccepted => Report is not null;

    internal static ReportSubmissionResult Accepted(CitizenReport report) => new(report, []);

    internal static ReportSubmissionResult Refused(Dictionary<string, string[]> errors) => new(null, errors);
}
