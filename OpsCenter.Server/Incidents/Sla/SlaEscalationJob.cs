using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Incidents.Sla;

/// <summary>
/// The SLA's teeth, run every minute by Hangfire (<c>Jobs/</c>): every active incident past a deadline it has not met
/// is escalated once per deadline — severity one step up, an <c>escalated</c> entry by <c>system:sla</c> in its trail.
/// Running it again, or on several Servers at once, escalates nothing twice; an exception fails the run, which Hangfire
/// retries and shows as failed on its dashboard.
/// </summary>
public sealed partial class SlaEscalationJob(
    SlaDeadlineStore deadlines, IncidentStore store, IOptions<SlaOptions> policy, TimeProvider clock, ILogger<SlaEscalationJob> logger)
{
    public const string RecurringJobId = "incidents-sla-escalation";

    /// <summary>An operator's change racing the escalation wins; the escalation reloads and tries again.</summary>
    private const int Attempts = 5;

    /// <returns>How many deadlines were escalated by this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await deadlines.FixMissingAsync(policy.Value, cancellationToken);
        var escalated = 0;
        foreach (var (id, missed) in await deadlines.OverdueAsync(now, cancellationToken))
        {
            if (await EscalateAsync(id, missed, now, cancellationToken))
                escalated++;
        }
        return escalated;
    }

    private async Task<bool> EscalateAsync(long id, SlaDeadline missed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var incident = await store.LoadAsync(id, cancellationToken);
            // Acknowledged or resolved since the query: the deadline was met after all (late, but met).
            if (incident is null || !incident.IsOverdue(missed, now))
                return false;
            var from = incident.Severity;
            incident.Escalate(missed, now);
            switch (await store.EscalateAsync(incident, missed, now, cancellationToken))
            {
                case EscalationOutcome.Escalated:
                    LogEscalated(id, missed.Name(), from, incident.Severity);
                    return true;
                case EscalationOutcome.AlreadyEscalated:
                    return false;
            }
        }
        throw new InvalidOperationException($"Could not escalate incident {id}: it kept changing under us.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident {Id} missed its {Deadline} deadline: escalated from {From} to {To}")]
    private partial void LogEscalated(long id, string deadline, string from, string to);
}
