using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// Through the Server's own Hangfire on the real PostgreSQL: the rollup job against an InfluxDB that is not there
/// (the Server tests' InfluxDB URL is a port nothing listens on) fails, is retried by Hangfire, and ends Failed where
/// the dashboard and the monitoring API show it, with the reason.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RollupJobFailureTests(ServerFixture server)
{
    [Fact]
    public async Task A_run_that_cannot_reach_InfluxDB_is_retried_and_then_shows_as_failed()
    {
        var jobs = server.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var monitoring = server.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        var id = jobs.Enqueue<RollupJob>(job => job.RunRecentAsync(CancellationToken.None));

        // Hangfire's scheduler picks the retry up on its next poll (every 15 s by default).
        // Newest first; the text says how far the job got, should this time out.
        await Eventually.Get(() => Task.FromResult(string.Join(" ← ", monitoring.JobDetails(id).History.Select(h => h.StateName))),
            h => h.StartsWith(FailedState.StateName, StringComparison.Ordinal) && h.Contains(ScheduledState.StateName, StringComparison.Ordinal),
            TimeSpan.FromSeconds(90), $"rollup job {id} to be retried and then fail");
        var details = monitoring.JobDetails(id);
        var states = details.History.Select(h => h.StateName).Reverse().ToList();
        Assert.Equal(2, states.Count(s => s == ProcessingState.StateName)); // the run and its one retry
        Assert.Contains("Retry attempt 1 of 1", details.History.Single(h => h.StateName == ScheduledState.StateName).Reason, StringComparison.Ordinal);
        Assert.Equal(FailedState.StateName, states[^1]);
        Assert.Contains(monitoring.FailedJobs(0, 1000), j => j.Key == id);
    }
}
