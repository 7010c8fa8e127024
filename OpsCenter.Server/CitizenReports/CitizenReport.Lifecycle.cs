namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// After submission: an operator answers once, then the citizen (through the source system) says whether the answer
/// settled it. <see cref="ReportStore.SaveLifecycleAsync"/> stores either step over the version the report was loaded at.
/// </summary>
public sealed partial class CitizenReport
{
    public const int MaxAnswerLength = 2_000;

    public ReportAnswer? OperatorAnswer { get; private set; }
    public CitizenVerdict? Verdict { get; private set; }

    public ReportStatus Status => (OperatorAnswer, Verdict) switch
    {
        (null, _) => ReportStatus.Open,
        (_, null) => ReportStatus.Answered,
        (_, { Agreed: true }) => ReportStatus.Settled,
        _ => ReportStatus.Disputed,
    };

    /// <summary>One answer per report: a second one would leave the citizen unsure which counts.</summary>
    public void Answer(string by, string text, DateTimeOffset at)
    {
        if (OperatorAnswer is not null)
            throw new ReportLifecycleException($"Report {ReportId} is answered already.");
        if (string.IsNullOrWhiteSpace(by))
            throw new ReportLifecycleException("An answer needs the operator who gives it.");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxAnswerLength)
            throw new ReportLifecycleException($"An answer is 1-{MaxAnswerLength} characters of text.");
        if (at < ReceivedAt)
            throw new ReportLifecycleException($"Report {ReportId} cannot be answered before it was received.");
        OperatorAnswer = new ReportAnswer(by, text, at);
    }

    /// <summary>The citizen judges an answer, so there must be one; and they judge it once.</summary>
    public void RecordCitizenVerdict(bool agreed, DateTimeOffset at)
    {
        if (OperatorAnswer is null)
            throw new ReportLifecycleException($"Report {ReportId} has no answer for the citizen to judge.");
        if (Verdict is not null)
            throw new ReportLifecycleException($"The citizen has judged the answer to report {ReportId} already.");
        if (at < OperatorAnswer.At)
            throw new ReportLifecycleException($"The citizen cannot judge the answer to report {ReportId} before it was given.");
        Verdict = new CitizenVerdict(agreed, at);
    }
}
