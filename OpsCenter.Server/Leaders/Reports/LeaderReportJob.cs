using Hangfire;
using Hangfire.Server;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// The scheduled reports, run by Hangfire: the daily one at 07:00 (yesterday) and the weekly one on Mondays at 07:30
/// (the previous Monday to Sunday), city time. A period that already has a ready report is not made again, so a
/// second run, a retry or a second Server changes nothing. A failure is recorded on the report (status "failed", with
/// the reason) and rethrown, so Hangfire retries it and, when the attempts are spent, shows the job as failed.
/// </summary>
public sealed partial class LeaderReportJob(
    LeaderReportGenerator generator, LeaderReportStore store, CityInventory inventory, TimeProvider clock, ILogger<LeaderReportJob> logger)
{
    public const string DailyJobId = "leaders-report-daily";
    public const string WeeklyJobId = "leaders-report-weekly";

    /// <summary>Retries 5, 15 and 30 minutes apart: all spent before 08:30, while a leader may still be waiting.</summary>
    public const int Attempts = 3;

    private readonly CityCalendar _calendar = CityCalendar.For(inventory);

    /// <param name="kind"><c>daily</c> or <c>weekly</c>.</param>
    /// <param name="context">Given by Hangfire: the period follows from when the run was triggered, so a retry after midnight still makes the same report.</param>
    [AutomaticRetry(Attempts = Attempts, DelaysInSeconds = [300, 900, 1800], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<Guid> RunAsync(string kind, PerformContext? context, CancellationToken cancellationToken)
    {
        var triggeredAt = context?.BackgroundJob.CreatedAt is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : clock.GetUtcNow();
        return await RunForAsync(ReportKinds.Parse(kind), triggeredAt, cancellationToken);
    }

    public async Task<Guid> RunForAsync(ReportKind kind, DateTimeOffset triggeredAt, CancellationToken cancellationToken)
    {
        var days = kind.ScheduledPeriod(_calendar.DayOf(triggeredAt));
        if (await store.FindReadyAsync(kind, days, cancellationToken) is { } existing)
        {
            LogAlreadyMade(kind.Name(), days);
            return existing.Id;
        }
        try
        {
            var report = await generator.GenerateAsync(kind, days, cancellationToken);
            LogMade(kind.Name(), days, report.Id);
            return report.Id;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(failure, kind.Name(), days);
            await store.RecordFailureAsync(kind, days, clock.GetUtcNow(), failure.Message, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Kind} report for {Days} exists already: nothing to do")]
    private partial void LogAlreadyMade(string kind, CityDays days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the {Kind} report for {Days} ({Id})")]
    private partial void LogMade(string kind, CityDays days, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} report for {Days} failed; Hangfire retries it")]
    private partial void LogFailed(Exception failure, string kind, CityDays days);
}
