using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Notifications;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// The incidents side of <see cref="IIncidentSink"/>. De-duplication is one <c>INSERT … ON CONFLICT … DO UPDATE</c>
/// against the partial unique index on active (source, type), so any number of Servers raising the same condition at
/// once open one incident and count every occurrence. A new incident's opening, storm filing and trail entry commit
/// together.
/// </summary>
/// <param name="feed">Told after every change so the live <c>incidents</c> view follows at once; absent in tests of the intake alone.</param>
public sealed class IncidentIntake(
    NpgsqlDataSource dataSource, IncidentStore store, IOptions<IncidentsOptions> options, IOptions<SlaOptions> sla, IncidentFeed? feed = null) : IIncidentSink
{
    /// <summary>A clear racing an operator's change loses and retries on the new state; a few rounds always suffice.</summary>
    private const int ClearAttempts = 5;

    public async Task RaiseAsync(IncidentSignal signal, CancellationToken cancellationToken)
    {
        Check(signal);
        // The policy in force now is the incident's for good: a later change of Incidents:Sla moves no deadline.
        var (ackDueAt, resolveDueAt) = sla.Value.DeadlinesFor(signal.Severity, signal.At);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var raised = await connection.QuerySingleAsync<Raised>(new CommandDefinition("""
            INSERT INTO incidents (source_id, type, category, severity, area_id, status, summary, detail, snapshot_url,
                                   rule_id, opened_at, last_seen_at, occurrences, silenced, ack_due_at, resolve_due_at, ack_within, resolve_within, sla_fixed)
            VALUES (@SourceId, @Type, @Category, @Severity, @AreaId, 'open', @Summary, @Detail, @SnapshotUrl,
                    @RuleId, @At, @At, 1,
                    EXISTS (SELECT 1 FROM maintenance_windows w
                            WHERE ((w.scope = 'device' AND w.target_id = @SourceId) OR (w.scope = 'area' AND w.target_id = @AreaId))
                              AND w.starts_at <= @At AND @At < w.ends_at),
                    @AckDueAt, @ResolveDueAt, @AckDueAt::timestamptz - @At::timestamptz, @ResolveDueAt::timestamptz - @At::timestamptz, true)
            ON CONFLICT (source_id, type) WHERE status IN ('open', 'acknowledged', 'inProgress')
            DO UPDATE SET occurrences = incidents.occurrences + 1,
                          last_seen_at = GREATEST(incidents.last_seen_at, EXCLUDED.last_seen_at),
                          snapshot_url = COALESCE(EXCLUDED.snapshot_url, incidents.snapshot_url),
                          cleared_at = NULL
            RETURNING id, silenced, (xmax = 0) AS inserted
            """, new
        {
            signal.SourceId, signal.Type, signal.Category, signal.Severity, signal.AreaId, signal.Summary,
            Detail = Jsonb.Serialize(signal.Detail), signal.SnapshotUrl, signal.RuleId, signal.At,
            AckDueAt = ackDueAt, ResolveDueAt = resolveDueAt,
        }, transaction, cancellationToken: cancellationToken));

        if (raised.Inserted)
        {
            await IncidentTrail.AppendAsync(connection, transaction, raised.Id,
                [new IncidentChange(signal.At, Incident.SystemActor, "open", null, IncidentStatus.Open,
                    raised.Silenced ? "Raised inside a maintenance window: recorded, not shown on the wall." : null,
                    signal.RuleId is null ? null : new Dictionary<string, string?> { ["ruleId"] = signal.RuleId })],
                cancellationToken);
            // Silenced incidents are not on the wall, so they neither use up an area's storm budget nor gather a group.
            var parentId = !raised.Silenced && signal.AreaId is not null
                ? await StormControl.FileAsync(connection, transaction, raised.Id, signal, options.Value, cancellationToken)
                : null;
            // Notified in the same transaction: only what the wall shows on its own (not silenced, not filed under a
            // storm or a group, whose first incident was notified already).
            if (!raised.Silenced && parentId is null)
                await NotificationOutbox.EnqueueAsync(connection, transaction, raised.Id, NotificationEvents.Opened, signal.At, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        feed?.Changed();
    }

    public async Task ClearAsync(IncidentClear clear, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ClearAttempts; attempt++)
        {
            var incident = await store.LoadActiveAsync(clear.SourceId, clear.Type, cancellationToken);
            if (incident is null)
                return;
            incident.Clear(clear.At);
            var outcome = await store.SaveAsync(incident, cancellationToken);
            if (outcome == SaveOutcome.Saved)
                feed?.Changed();
            if (outcome != SaveOutcome.VersionConflict)
                return;
        }
        throw new InvalidOperationException($"Could not clear ({clear.SourceId}, {clear.Type}): it kept changing under us.");
    }

    private static void Check(IncidentSignal signal)
    {
        if (string.IsNullOrWhiteSpace(signal.SourceId) || string.IsNullOrWhiteSpace(signal.Type))
            throw new ArgumentException("A signal needs a source id and a type.", nameof(signal));
        if (!IncidentSeverities.All.Contains(signal.Severity))
            throw new ArgumentException($"Severity '{signal.Severity}' is not one of {string.Join(", ", IncidentSeverities.All)}.", nameof(signal));
        if (!IncidentCategories.All.Contains(signal.Category))
            throw new ArgumentException($"Category '{signal.Category}' is not one of {string.Join(", ", IncidentCategories.All)}.", nameof(signal));
    }

    private sealed class Raised
    {
        public long Id { get; init; }
        public bool Silenced { get; init; }
        public bool Inserted { get; init; }
    }
}
