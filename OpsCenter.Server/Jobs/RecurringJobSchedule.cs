using Hangfire;
using Microsoft.Extensions.Options;
using OpsCenter.Server.Incidents.Sla;

namespace OpsCenter.Server.Jobs;

/// <summary>
/// Registers the recurring jobs at start-up (add or update, so every Server may do it). A bad cron fails the start.
/// </summary>
internal sealed class RecurringJobSchedule(
    IRecurringJobManager jobs, IOptions<JobsOptions> options, IHostApplicationLifetime lifetime, ILogger<RecurringJobSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Hangfire hands the job its server's shutdown token in place of this placeholder.
        RecurringJobRegistration.Register("SLA escalation", () =>
            jobs.AddOrUpdate<SlaEscalationJob>(SlaEscalationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                options.Value.SlaEscalationCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc }), lifetime, logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
