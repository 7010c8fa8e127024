using OpsCenter.Server.CitizenReports;

namespace OpsCenter.Server.Tests.CitizenReports;

/// <summary>The source system a report names, and the excerpt its incident shows (no contact data).</summary>
public sealed class ReportSourceAndExcerptTests
{
    [Fact]
    public void Without_a_source_the_service_keys_name_stands_for_it()
    {
        var result = CitizenReport.Submit(ValidSubmission.Create(), "service:app", ValidSubmission.ReceivedAt);
        Assert.Equal("service:app", result.Report!.SourceSystem);
    }

    [Fact]
    public void With_configured_source_systems_only_those_are_accepted()
    {
        var known = new[] { "app", "hotline1022" };
        var intake = new ReportIntake("service:app", ValidSubmission.ReceivedAt, known);
        Assert.Equal("hotline1022", CitizenReport.Submit(ValidSubmission.Create() with { Source = "hotline1022" }, intake).Report!.SourceSystem);
        Assert.Contains("source", CitizenReport.Submit(ValidSubmission.Create() with { Source = "zalo" }, intake).Errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("tab\there")]
    public void Blank_or_control_character_sources_are_refused(string source)
    {
        var result = CitizenReport.Submit(ValidSubmission.Create() with { Source = source }, "service:app", ValidSubmission.ReceivedAt);
        Assert.Contains("source", result.Errors.Keys);
    }

    [Fact]
    public void The_area_is_what_the_intake_locates()
    {
        var intake = new ReportIntake("service:app", ValidSubmission.ReceivedAt, AreaOf: (lat, lon) => lat > 20 ? "lechan" : null);
        Assert.Equal("lechan", CitizenReport.Submit(ValidSubmission.Create(), intake).Report!.AreaId);
    }

    [Theory]
    [InlineData("Gọi 0912 345 678 ngay", "Gọi … ngay")]
    [InlineData("call +84-912-345-678 now", "call … now")]
    [InlineData("mail lan.nguyen@example.org please", "mail … please")]
    [InlineData("Ổ gà số 12 đường Lạch Tray", "Ổ gà số 12 đường Lạch Tray")]
    public void The_incident_excerpt_masks_phone_numbers_and_email_addresses(string description, string excerpt) =>
        Assert.Equal(excerpt, ReportIncidents.Excerpt(description));

    [Fact]
    public void The_incident_excerpt_is_short()
    {
        var excerpt = ReportIncidents.Excerpt(new string('a', 500));
        Assert.Equal(ReportIncidents.ExcerptLength + 1, excerpt.Length);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
    }
}
