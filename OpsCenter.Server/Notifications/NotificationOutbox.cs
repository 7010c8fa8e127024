using Dapper;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Notifications;

/// <summary>
/// Writes an incident event's deliveries, one per matching webhook, inside the caller's transaction: they commit with
/// the incident change or not at all (Grafana lost notifications written after the fact, and sent some twice). With
/// no webhook subscribed it costs one indexed look-up.
/// </summary>
public static class NotificationOutbox
{
    private const string Matches = """
        w.events @> ARRAY[@Event]
        AND (w.severities IS NULL OR i.severity = ANY(w.severities))
        AND (w.area_ids IS NULL OR i.area_id = ANY(w.area_ids))
        AND (w.categories IS NULL OR i.category = ANY(w.categories))
        """;

    /// <param name="detail">What the event adds (the missed deadline of an escalation); never personal data.</param>
    public static async Task EnqueueAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long incidentId, string eventName, DateTimeOffset at,
        IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken)
    {
        var incident = await connection.QuerySingleOrDefaultAsync<IncidentRow>(new CommandDefinition($"""
            SELECT i.* FROM incidents i
            WHERE i.id = @Id AND EXISTS (SELECT 1 FROM notification_webhooks w WHERE {Matches})
            """, new { Id = incidentId, Event = eventName }, transaction, cancellationToken: cancellationToken));
        if (incident is null)
            return;
        var eventId = Guid.NewGuid();
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO notification_outbox (event_id, webhook_id, incident_id, event, payload)
            SELECT @EventId, w.id, i.id, @Event, @Payload
            FROM notification_webhooks w JOIN incidents i ON i.id = @Id
            WHERE {Matches}
            """, new { EventId = eventId, Id = incidentId, Event = eventName, Payload = Jsonb.Serialize(Payload(eventId, eventName, at, incident, detail)) },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// What a receiver gets. No personal data: a citizen report's incident goes without its summary (an excerpt of what
    /// the citizen wrote), and no incident's detail values or snapshot URL (which may carry a camera token) are sent.
    /// </summary>
    internal static NotificationPayload Payload(Guid eventId, string eventName, DateTimeOffset at, IncidentRow incident, IReadOnlyDictionary<string, string?>? detail) =>
        new(eventId, eventName, at, detail, new NotifiedIncident(
            incident.Id, incident.Type, incident.Category, incident.Severity, incident.Status, incident.AreaId, incident.SourceId,
            incident.Category == IncidentCategories.Citizen ? null : incident.Summary,
            incident.OpenedAt, incident.AckDueAt, incident.ResolveDueAt, incident.EscalationLevel, incident.ParentId, incident.IsStormSummary));
}

public sealed record NotificationPayload(
    Guid EventId, string Event, DateTimeOffset OccurredAt, IReadOnlyDictionary<string, string?>? Detail, NotifiedIncident Incident);

public sealed record NotifiedIncident(
    long Id, string Type, string Category, string Severity, string Status, string? AreaId, string SourceId, string? Summary,
    DateTimeOffset OpenedAt, DateTimeOffset? AckDueAt, DateTimeOffset? ResolveDueAt, int EscalationLevel, long? ParentId, bool IsStormSummary);
