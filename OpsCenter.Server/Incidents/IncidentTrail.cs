using Dapper;
using Npgsql;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// Appends to <c>incident_events</c>, always inside the transaction of the change it records, so a change is never
/// stored without its entry nor an entry without its change. The table refuses updates and deletes (a trigger).
/// </summary>
internal static class IncidentTrail
{
    public static async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long incidentId, IEnumerable<IncidentChange> changes,
        CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO incident_events (incident_id, at, actor, action, from_status, to_status, note, detail)
                VALUES (@IncidentId, @At, @Actor, @Action, @FromStatus, @ToStatus, @Note, @Detail)
                """, new
            {
                IncidentId = incidentId, change.At, change.Actor, change.Action, FromStatus = change.FromStatus?.Name(),
                ToStatus = change.ToStatus?.Name(), change.Note, Detail = Jsonb.Serialize(change.Detail),
            }, transaction, cancellationToken: cancellationToken));
        }
    }
}
