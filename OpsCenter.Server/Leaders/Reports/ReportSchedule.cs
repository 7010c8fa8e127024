using Hangfire;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Jobs;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// Registers the two report jobs at start-up in the city's time zone (Asia/Ho_Chi_Minh for Hai Phong), so 07:00 is
/// the city's 07:00 whatever the servers' clocks say. Add-or-update: every Server may do it; a bad cron fails the start.
/// </summary>
internal sealed class ReportSchedule(
    IRecurringJobManager jobs, IOptions<ReportsOptions> options, CityInventory inventory, IHostApplicationLifetime lifetime,
    ILogger<ReportSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var zone = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(inventory.TimeZone) };
        // Hangfire hands the job its PerformContext and its server's shutdown token in place of these placeholders.
        RecurringJobRegistration.Register("report", () =>
        {
            jobs.AddOrUpdate<LeaderReportJob>(LeaderReportJob.DailyJobId, job => job.RunAsync("daily", null, CancellationToken.None),
                options.Value.DailyCron, zone);
            jobs.AddOrUpdate<LeaderReportJob>(LeaderReportJob.WeeklyJobId, job => job.RunAsync("weekly", null, CancellationToken.None),
                options.Value.WeeklyCron, zone);
            jobs.AddOrUpdate<FirstDailyReport>(FirstDailyReport.JobId, job => job.RunAsync(CancellationToken.None),
                options.Value.FirstDailyCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }, lifetime, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
