using OpsCenter.Server.CitizenReports;

namespace OpsCenter.Server.Tests.CitizenReports;

/// <summary>Answer, then the citizen's verdict: the report refuses every other order.</summary>
public sealed class CitizenReportLifecycleTests
{
    private static readonly DateTimeOffset Later = ValidSubmission.ReceivedAt.AddHours(1);

    [Fact]
    public void An_answer_makes_the_report_answered()
    {
        var report = ValidSubmission.Report();

        report.Answer("operator-1", "Đã cử đội thoát nước.", Later);

        Assert.Equal(ReportStatus.Answered, report.Status);
        Assert.Equal(new ReportAnswer("operator-1", "Đã cử đội thoát nước.", Later), report.OperatorAnswer);
    }

    [Fact]
    public void A_second_answer_is_refused_and_the_first_kept()
    {
        var report = ValidSubmission.Report();
        report.Answer("operator-1", "first", Later);

        Assert.Throws<ReportLifecycleException>(() => report.Answer("operator-2", "second", Later.AddMinutes(5)));
        Assert.Equal("first", report.OperatorAnswer?.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_answer_is_refused(string text)
    {
        var report = ValidSubmission.Report();
        Assert.Throws<ReportLifecycleException>(() => report.Answer("operator-1", text, Later));
        Assert.Equal(ReportStatus.Open, report.Status);
    }

    [Fact]
    public void An_overlong_answer_is_refused()
    {
        var report = ValidSubmission.Report();
        Assert.Throws<ReportLifecycleException>(() => report.Answer("operator-1", new string('a', CitizenReport.MaxAnswerLength + 1), Later));
    }

    [Fact]
    public void An_answer_without_an_operator_is_refused()
    {
        var report = ValidSubmission.Report();
        Assert.Throws<ReportLifecycleException>(() => report.Answer(" ", "text", Later));
    }

    [Fact]
    public void An_answer_dated_before_the_report_arrived_is_refused()
    {
        var report = ValidSubmission.Report();
        Assert.Throws<ReportLifecycleException>(() => report.Answer("operator-1", "text", ValidSubmission.ReceivedAt.AddSeconds(-1)));
    }

    [Fact]
    public void A_verdict_before_any_answer_is_refused()
    {
        var report = ValidSubmission.Report();
        Assert.Throws<ReportLifecycleException>(() => report.RecordCitizenVerdict(agreed: true, Later));
        Assert.Null(report.Verdict);
    }

    [Theory]
    [InlineData(true, ReportStatus.Settled)]
    [InlineData(false, ReportStatus.Disputed)]
    public void The_citizens_verdict_settles_or_disputes_the_answer(bool agreed, ReportStatus expected)
    {
        var report = ValidSubmission.Report();
        report.Answer("operator-1", "text", Later);

        report.RecordCitizenVerdict(agreed, Later.AddHours(2));

        Assert.Equal(expected, report.Status);
        Assert.Equal(new CitizenVerdict(agreed, Later.AddHours(2)), report.Verdict);
    }

    [Fact]
    public void A_second_verdict_is_refused()
    {
        var report = ValidSubmission.Report();
        report.Answer("operator-1", "text", Later);
        report.RecordCitizenVerdict(agreed: false, Later.AddHours(1));

        Assert.Throws<ReportLifecycleException>(() => report.RecordCitizenVerdict(agreed: true, Later.AddHours(2)));
        Assert.Equal(ReportStatus.Disputed, report.Status);
    }

    [Fact]
    public void A_verdict_dated_before_the_answer_is_refused()
    {
        var report = ValidSubmission.Report();
        report.Answer("operator-1", "text", Later);
        Assert.Throws<ReportLifecycleException>(() => report.RecordCitizenVerdict(agreed: true, Later.AddMinutes(-1)));
    }
}
