using Hangfire;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Jobs;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Registers the rollups' recurring jobs at start-up (add or update, so every Server may do it) and their retry policy.
/// A bad cron fails the start.
/// </summary>
internal sealed class RollupSchedule(
    IRecurringJobManager jobs, IOptions<RollupOptions> options, CityInventory inventory, JobStorage storage, IHostApplicationLifetime lifetime,
    ILogger<RollupSchedule> logger) : IHostedService
{
    private RollupRetryFilter? _retry;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Hangfire's filters are process-wide; this one is added for this Server's life only.
        _retry = new RollupRetryFilter(options, storage);
        GlobalJobFilters.Filters.Add(_retry);
        // Hangfire hands the job its server's shutdown token in place of this placeholder.
        RecurringJobRegistration.Register("rollup", () =>
        {
            jobs.AddOrUpdate<RollupJob>(RollupJob.RecentJobId, job => job.RunRecentAsync(CancellationToken.None),
                options.Value.RecentCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            // The sweep runs at night in the city's own time, after its day is over.
            jobs.AddOrUpdate<RollupJob>(RollupJob.SweepJobId, job => job.RunSweepAsync(CancellationToken.None),
                options.Value.SweepCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(inventory.TimeZone) });
        }, lifetime, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_retry is not null)
            GlobalJobFilters.Filters.Remove(_retry);
        return Task.CompletedTask;
    }
}
