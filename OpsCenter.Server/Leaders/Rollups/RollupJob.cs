using Hangfire;
using Microsoft.Extensions.Options;
using OpsCenter.Server.Kpis;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The rollups as Hangfire recurring jobs (<see cref="RollupSchedule"/>). Both runs only recompute and overwrite, so
/// a run repeated, retried or run by two Servers at once leaves the same data. An exception fails the run: Hangfire
/// retries it (<see cref="RollupRetryFilter"/>, <c>Rollups:RetryAttempts</c>) and then shows it Failed on its
/// dashboard; a touched hour's mark is deleted only after its new rollup was written, so nothing is skipped silently.
/// </summary>
// The global AutomaticRetry (10 attempts) steps aside for this job's own, configured retry policy.
[AutomaticRetry(Attempts = 0)]
public sealed partial class RollupJob(
    RollupRunner runner, TouchedHourStore marks, CaseReceiptArchive receipts, RollupRetention retention, TimeProvider clock,
    IOptions<RollupOptions> options, ILogger<RollupJob> logger)
{
    public const string RecentJobId = "rollups-recent";
    public const string SweepJobId = "rollups-sweep";

    /// <summary>
    /// The current hour (up to now) and the previous one, every hour late readings touched (up to
    /// <see cref="RollupOptions.SweepDays"/> back), and the city days holding them.
    /// </summary>
    /// <returns>The hours recomputed.</returns>
    public async Task<int> RunRecentAsync(CancellationToken cancellationToken)
    {
        await retention.EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var current = HourClock.HourOf(now);
        var oldest = current.AddDays(-options.Value.SweepDays - 1);
        var touched = await marks.ReadAsync(oldest, current.AddHours(1), cancellationToken);
        var hours = touched.Select(t => t.Hour).Append(current.AddHours(-1)).Append(current).Distinct().ToList();
        await runner.RecomputeAsync(hours, now, cancellationToken);
        await marks.ClearAsync(touched, cancellationToken);
        await marks.ForgetBeforeAsync(oldest, cancellationToken);
        await receipts.ForgetBeforeAsync(now - CaseReceiptArchive.KeepFor, cancellationToken);
        if (touched.Count > 0)
            LogLate(touched.Count);
        return hours.Count;
    }

    /// <summary>Every hour of the last <see cref="RollupOptions.SweepDays"/> city days and today, and those days.</summary>
    public async Task<int> RunSweepAsync(CancellationToken cancellationToken)
    {
        await retention.EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = runner.Calendar.DayOf(now);
        var hours = HourClock.Hours(runner.Calendar.StartOf(today.AddDays(-options.Value.SweepDays)), now).ToList();
        await runner.RecomputeAsync(hours, now, cancellationToken);
        return hours.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollups: {Count} hours touched by late readings recomputed")]
    private partial void LogLate(int count);
}
