using Dapper;
using Npgsql;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Notifications;

namespace OpsCenter.Server.Incidents;

public enum SaveOutcome
{
    Saved,
    /// <summary>Someone changed the incident since it was loaded; nothing was written.</summary>
    VersionConflict,
    /// <summary>A reopen would make a second active incident for the same (source, type); nothing was written.</summary>
    ActiveTwinExists,
}

public enum EscalationOutcome
{
    Escalated,
    /// <summary>That deadline was escalated before (by another run or Server); nothing was written.</summary>
    AlreadyEscalated,
    /// <summary>Someone changed the incident since it was loaded; nothing was written, not even the mark.</summary>
    VersionConflict,
}

/// <summary>
/// The <c>incidents</c> and <c>incident_events</c> tables: loads incidents, saves what their own methods changed
/// together with the trail entries those recorded, and answers readers' queries. It decides nothing.
/// </summary>
public sealed class IncidentStore(NpgsqlDataSource dataSource)
{
    public async Task<Incident?> LoadAsync(long id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken) is { } row ? new Incident(row) : null;

    public async Task<IncidentRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(
            "SELECT * FROM incidents WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    /// <summary>The active incident of (source, type), if any: there is at most one.</summary>
    public async Task<Incident?> LoadActiveAsync(string sourceId, string type, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(
            "SELECT * FROM incidents WHERE source_id = @SourceId AND type = @Type AND status IN ('open', 'acknowledged', 'inProgress')",
            new { SourceId = sourceId, Type = type }, cancellationToken: cancellationToken));
        return row is null ? null : new Incident(row);
    }

    public async Task<IncidentDetail?> GetDetailAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition(
            "SELECT * FROM incidents WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        var trail = await connection.QueryAsync<IncidentEventRow>(new CommandDefinition(
            "SELECT * FROM incident_events WHERE incident_id = @Id ORDER BY id", new { Id = id }, cancellationToken: cancellationToken));
        var children = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM incidents WHERE parent_id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return new IncidentDetail(row, [.. trail], children);
    }

    /// <summary>
    /// Writes the incident's changes if its version is still the one it was loaded at, and appends its trail entries,
    /// in one transaction: either all of it is stored or none.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (incident.Changes.Count == 0)
            return SaveOutcome.Saved;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await WriteAsync(connection, transaction, incident, cancellationToken);
        if (outcome != SaveOutcome.Saved)
            return outcome;
        if (incident.Changes.FirstOrDefault(c => c.Action == "reopen") is { } reopen)
            await NotificationOutbox.EnqueueAsync(connection, transaction, incident.Id, NotificationEvents.Reopened, reopen.At, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Marks <paramref name="missed"/> escalated on the incident, if no one marked it before (the mark is claimed with
    /// <c>UPDATE … WHERE escalated_… IS NULL</c>, so it is taken once however many runs race), and saves what
    /// <see cref="Incident.Escalate"/> changed, with its trail entry, in the same transaction: all of it or none.
    /// </summary>
    public async Task<EscalationOutcome> EscalateAsync(Incident incident, SlaDeadline missed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var mark = missed == SlaDeadline.Acknowledge ? "escalated_ack_at" : "escalated_resolve_at";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition($"""
            UPDATE incidents SET {mark} = @At, escalation_level = escalation_level + 1
            WHERE id = @Id AND {mark} IS NULL
            RETURNING id
            """, new { incident.Id, At = at }, transaction, cancellationToken: cancellationToken));
        if (claimed is null)
            return EscalationOutcome.AlreadyEscalated;
        var outcome = await WriteAsync(connection, transaction, incident, cancellationToken);
        if (outcome != SaveOutcome.Saved)
            return EscalationOutcome.VersionConflict;
        await NotificationOutbox.EnqueueAsync(connection, transaction, incident.Id, NotificationEvents.Escalated, at,
            new Dictionary<string, string?> { ["deadline"] = missed.Name() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return EscalationOutcome.Escalated;
    }

    private static async Task<SaveOutcome> WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Incident incident, CancellationToken cancellationToken)
    {
        int updated;
        try
        {
            updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE incidents SET
                    status = @Status, severity = @Severity, assignee = @Assignee,
                    acknowledged_at = @AcknowledgedAt, acknowledged_by = @AcknowledgedBy,
                    started_at = @StartedAt, started_by = @StartedBy,
                    resolved_at = @ResolvedAt, resolved_by = @ResolvedBy,
                    closed_at = @ClosedAt, closed_by = @ClosedBy,
                    -- Only a clear or a reopen decides cleared_at; otherwise a raise's "it is back" must not be overwritten.
                    cleared_at = CASE WHEN @DecidesClearedAt THEN @ClearedAt ELSE cleared_at END,
                    -- Only a reopen restarts the SLA; otherwise an escalation's mark, claimed just before in the same
                    -- transaction, must stay.
                    ack_due_at = CASE WHEN @Reopened THEN @AckDueAt ELSE ack_due_at END,
                    resolve_due_at = CASE WHEN @Reopened THEN @ResolveDueAt ELSE resolve_due_at END,
                    escalated_ack_at = CASE WHEN @Reopened THEN NULL ELSE escalated_ack_at END,
                    escalated_resolve_at = CASE WHEN @Reopened THEN NULL ELSE escalated_resolve_at END,
                    version = version + 1
                WHERE id = @Id AND version = @Version
                """, new
            {
                incident.Id, incident.Version, Status = incident.Status.Name(), incident.Severity, incident.Assignee,
                incident.AcknowledgedAt, incident.AcknowledgedBy, incident.StartedAt, incident.StartedBy,
                incident.ResolvedAt, incident.ResolvedBy, incident.ClosedAt, incident.ClosedBy,
                DecidesClearedAt = incident.Changes.Any(c => c.Action is "clear" or "reopen"), incident.ClearedAt,
                Reopened = incident.Changes.Any(c => c.Action == "reopen"), incident.AckDueAt, incident.ResolveDueAt,
            }, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return SaveOutcome.ActiveTwinExists;
        }
        if (updated == 0)
            return SaveOutcome.VersionConflict;
        await IncidentTrail.AppendAsync(connection, transaction, incident.Id, incident.Changes, cancellationToken);
        return SaveOutcome.Saved;
    }

    public async Task<IncidentPage> ListAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        const string where = """
            WHERE (@Statuses::text[] IS NULL OR status = ANY(@Statuses))
              AND (@Severity::text IS NULL OR severity = @Severity)
              AND (@AreaId::text IS NULL OR area_id = @AreaId)
              AND (@Category::text IS NULL OR category = @Category)
              AND (NOT @UnacknowledgedOnly OR status = 'open')
              AND (NOT @ActiveOnly OR (status IN ('open', 'acknowledged', 'inProgress') AND NOT silenced))
              AND (NOT @TopLevelOnly OR parent_id IS NULL)
              AND (@ParentId::bigint IS NULL OR parent_id = @ParentId)
            """;
        var parameters = new
        {
            Statuses = query.Statuses?.ToArray(), query.Severity, query.AreaId, query.Category, query.UnacknowledgedOnly,
            query.ActiveOnly, query.TopLevelOnly, query.ParentId,
            Limit = query.PageSize, Offset = (long)(query.Page - 1) * query.PageSize,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM incidents {where}", parameters, cancellationToken: cancellationToken));
        var items = await connection.QueryAsync<IncidentRow>(new CommandDefinition(
            $"SELECT * FROM incidents {where} ORDER BY opened_at DESC, id DESC LIMIT @Limit OFFSET @Offset", parameters,
            cancellationToken: cancellationToken));
        return new IncidentPage([.. items], total, query.Page, query.PageSize);
    }

    /// <summary>Active incidents not silenced, by severity: what the wall and the leaders see. Every severity is present.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountActiveBySeverityAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SeverityCount>(new CommandDefinition("""
            SELECT severity, count(*) AS count FROM incidents
            WHERE status IN ('open', 'acknowledged', 'inProgress') AND NOT silenced GROUP BY severity
            """, cancellationToken: cancellationToken));
        var counts = IncidentSeverities.All.ToDictionary(s => s, _ => 0L);
        foreach (var row in rows)
            counts[row.Severity] = row.Count;
        return counts;
    }

    private sealed class SeverityCount
    {
        public string Severity { get; init; } = "";
        public long Count { get; init; }
    }
}
