using Dapper;
using Npgsql;

namespace OpsCenter.Server.Incidents.Sla;

/// <summary>The SLA columns of <c>incidents</c>: deadlines for rows that lack them, and which deadlines are overdue.</summary>
public sealed class SlaDeadlineStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Rows opened before SLAs existed, or inserted by a path that does not know the policy (storm summaries), get their
    /// deadlines from <paramref name="policy"/> counted from when they opened, once; rows that have them keep them.
    /// </summary>
    public async Task<int> FixMissingAsync(SlaOptions policy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var fixedRows = 0;
        foreach (var severity in IncidentSeverities.All)
        {
            var sla = policy.For(severity);
            fixedRows += await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE incidents SET
                    ack_due_at = opened_at + make_interval(mins => @Ack),
                    resolve_due_at = opened_at + make_interval(mins => @Resolve),
                    ack_within = make_interval(mins => @Ack),
                    resolve_within = make_interval(mins => @Resolve),
                    sla_fixed = true
                WHERE NOT sla_fixed AND severity = @Severity
                """, new { Severity = severity, Ack = sla.AcknowledgeWithinMinutes, Resolve = sla.ResolveWithinMinutes },
                cancellationToken: cancellationToken));
        }
        return fixedRows;
    }

    /// <summary>Active incidents (not silenced) with a deadline passed at <paramref name="now"/> and not yet escalated.</summary>
    public async Task<IReadOnlyList<(long Id, SlaDeadline Missed)>> OverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OverdueRow>(new CommandDefinition("""
            SELECT id, 'acknowledge' AS deadline FROM incidents
            WHERE status = 'open' AND NOT silenced AND escalated_ack_at IS NULL AND ack_due_at <= @Now
            UNION ALL
            SELECT id, 'resolve' AS deadline FROM incidents
            WHERE status IN ('open', 'acknowledged', 'inProgress') AND NOT silenced AND escalated_resolve_at IS NULL AND resolve_due_at <= @Now
            ORDER BY id, deadline
            """, new { Now = now }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r.Id, r.Deadline == "acknowledge" ? SlaDeadline.Acknowledge : SlaDeadline.Resolve))];
    }

    private sealed class OverdueRow
    {
        public long Id { get; init; }
        public string Deadline { get; init; } = "";
    }
}
