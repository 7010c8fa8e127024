using OpsCenter.Server.CitizenReports;

namespace OpsCenter.Server.Tests.CitizenReports;

/// <summary>A submission that satisfies the contract, for tests to spoil one field at a time.</summary>
internal static class ValidSubmission
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 26, 1, 20, 0, TimeSpan.Zero);

    public static ReportSubmission Create(ReporterContact? reporter = null) => new(
        "r-001", "2026-11-26T08:15:00+07:00", "infrastructure", "Nước ngập đường Lạch Tray", 20.846, 106.676,
        "https://example.org/p.jpg", reporter);

    public static CitizenReport Report() =>
        CitizenReport.Submit(Create(), "service:app", ReceivedAt).Report ?? throw new InvalidOperationException("the valid submission was refused");
}
