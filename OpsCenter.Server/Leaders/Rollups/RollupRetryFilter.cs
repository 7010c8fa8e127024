using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Hangfire's own AutomaticRetry, with the attempts and delays of <c>Rollups:RetryAttempts</c> and
/// <c>Rollups:RetryDelaysSeconds</c>, for <see cref="RollupJob"/> only: a failed run is scheduled again, and once the
/// attempts are spent it stays Failed (never deleted), where the dashboard and the monitoring API show it. Hangfire's
/// filters are process-wide, so it acts only on jobs of its own Server's storage (tests start several Servers).
/// </summary>
internal sealed class RollupRetryFilter(IOptions<RollupOptions> options, JobStorage storage) : IElectStateFilter, IApplyStateFilter
{
    private readonly AutomaticRetryAttribute _retry = new()
    {
        Attempts = options.Value.RetryAttempts,
        DelaysInSeconds = options.Value.RetryDelaysSeconds,
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
        LogEvents = true,
    };

    public void OnStateElection(ElectStateContext context)
    {
        if (IsMine(context.BackgroundJob?.Job, context.Storage))
            _retry.OnStateElection(context);
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (IsMine(context.BackgroundJob?.Job, context.Storage))
            _retry.OnStateApplied(context, transaction);
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (IsMine(context.BackgroundJob?.Job, context.Storage))
            _retry.OnStateUnapplied(context, transaction);
    }

    private bool IsMine(Job? job, JobStorage jobStorage) => job?.Type == typeof(RollupJob) && ReferenceEquals(jobStorage, storage);
}
