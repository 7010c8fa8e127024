using OpsCenter.Server.CitizenReports;

namespace OpsCenter.Server.Tests.CitizenReports;

/// <summary>The submission rules, on the domain type alone: no database, no HTTP.</summary>
public sealed class CitizenReportSubmissionTests
{
    [Fact]
    public void A_valid_submission_becomes_an_open_report_received_now_from_the_caller()
    {
        var result = CitizenReport.Submit(ValidSubmission.Create(), "service:app", ValidSubmission.ReceivedAt);

        Assert.True(result.IsAccepted);
        Assert.Empty(result.Errors);
        var report = result.Report;
        Assert.Equal("r-001", report.ReportId);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 8, 15, 0, TimeSpan.FromHours(7)), report.Ts);
        Assert.Equal(ValidSubmission.ReceivedAt, report.ReceivedAt);
        Assert.Equal("service:app", report.ReceivedFrom);
        Assert.Equal(ReportStatus.Open, report.Status);
    }

    [Theory]
    [InlineData("reportId")]
    [InlineData("ts")]
    [InlineData("category")]
    [InlineData("description")]
    [InlineData("position")]
    [InlineData("photoUrl")]
    public void Each_broken_field_is_refused_under_its_own_name(string field)
    {
        var valid = ValidSubmission.Create();
        var broken = field switch
        {
            "reportId" => valid with { ReportId = "has space" },
            "ts" => valid with { Ts = "2026-11-26 08:15:00" },
            "category" => valid with { Category = "gossip" },
            "description" => valid with { Description = new string('a', CitizenReport.MaxDescriptionLength + 1) },
            "position" => valid with { Lat = 91 },
            _ => valid with { PhotoUrl = "javascript:alert(1)" },
        };

        var result = CitizenReport.Submit(broken, "service:app", ValidSubmission.ReceivedAt);

        Assert.False(result.IsAccepted);
        Assert.Null(result.Report);
        Assert.Equal([field], result.Errors.Keys);
    }

    [Fact]
    public void Nul_characters_are_refused_because_postgres_text_cannot_keep_them()
    {
        var result = CitizenReport.Submit(ValidSubmission.Create() with { Description = "nul \0 inside" }, "service:app", ValidSubmission.ReceivedAt);
        Assert.Contains("text", result.Errors.Keys);
    }

    [Fact]
    public void Overlong_contact_fields_are_refused()
    {
        var contact = new ReporterContact(new string('n', CitizenReport.MaxContactFieldLength + 1), null, null);
        var result = CitizenReport.Submit(ValidSubmission.Create(contact), "service:app", ValidSubmission.ReceivedAt);
        Assert.Equal(["reporter"], result.Errors.Keys);
    }

    [Fact]
    public void Hostile_text_is_kept_exactly_as_sent()
    {
        const string hostile = "<script>alert('x')</script> '; DROP TABLE citizen_reports; --";
        var result = CitizenReport.Submit(ValidSubmission.Create() with { Description = hostile }, "service:app", ValidSubmission.ReceivedAt);
        Assert.Equal(hostile, result.Report?.Description);
    }

    [Fact]
    public void A_contact_of_blanks_is_no_contact()
    {
        var result = CitizenReport.Submit(ValidSubmission.Create(new ReporterContact(" ", "", null)), "service:app", ValidSubmission.ReceivedAt);
        Assert.Null(result.Report?.Reporter);
    }

    [Fact]
    public void Blank_fields_of_a_contact_are_dropped_and_the_rest_kept()
    {
        var result = CitizenReport.Submit(ValidSubmission.Create(new ReporterContact("Lan", " ", "lan@example.org")), "service:app", ValidSubmission.ReceivedAt);
        Assert.Equal(new ReporterContact("Lan", null, "lan@example.org"), result.Report?.Reporter);
    }
}
