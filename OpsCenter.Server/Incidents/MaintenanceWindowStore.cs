using Dapper;
using Npgsql;

namespace OpsCenter.Server.Incidents;

/// <summary>The <c>maintenance_windows</c> table. Raising reads it in SQL (<see cref="IncidentIntake"/>), not through here.</summary>
public sealed class MaintenanceWindowStore(NpgsqlDataSource dataSource)
{
    public async Task<MaintenanceWindow> AddAsync(MaintenanceWindowRequest request, string createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<MaintenanceWindow>(new CommandDefinition("""
            INSERT INTO maintenance_windows (scope, target_id, starts_at, ends_at, reason, created_by, created_at)
            VALUES (@Scope, @TargetId, @StartsAt, @EndsAt, @Reason, @CreatedBy, @Now)
            RETURNING *
            """, new { request.Scope, request.TargetId, StartsAt = request.StartsAt ?? now, request.EndsAt, request.Reason, CreatedBy = createdBy, Now = now },
            cancellationToken: cancellationToken));
    }

    /// <summary>Windows not yet over (current and planned), or all of them, newest first.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ListAsync(bool includeEnded, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var windows = await connection.QueryAsync<MaintenanceWindow>(new CommandDefinition(
            "SELECT * FROM maintenance_windows WHERE @IncludeEnded OR ends_at > @Now ORDER BY starts_at DESC, id DESC LIMIT @Limit",
            new { IncludeEnded = includeEnded, Now = now, Limit = limit }, cancellationToken: cancellationToken));
        return [.. windows];
    }

    /// <summary>
    /// Ends a window now (a planned one is ended before it starts). Null when there is no such window or it is over
    /// already; a window's end is only ever brought forward, so alarms never go silent again by accident.
    /// </summary>
    public async Task<MaintenanceWindow?> EndAsync(long id, string endedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MaintenanceWindow>(new CommandDefinition("""
            UPDATE maintenance_windows SET ends_at = @Now, starts_at = LEAST(starts_at, @Now), ended_by = @EndedBy
            WHERE id = @Id AND ends_at > @Now
            RETURNING *
            """, new { Id = id, Now = now, EndedBy = endedBy }, cancellationToken: cancellationToken));
    }
}
