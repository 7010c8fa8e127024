using Dapper;
using Npgsql;

namespace OpsCenter.Server.Notifications;

/// <summary>The <c>notification_webhooks</c> table and the delivery status readers of <c>notification_outbox</c>.</summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    public async Task<long> AddAsync(WebhookRequest request, string createdBy, CancellationToken cancellationToken)
    {
        static string[]? All(IReadOnlyList<string>? values) => values is null || values.Count == 0 ? null : [.. values.Distinct()];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO notification_webhooks (name, url, events, severities, area_ids, categories, created_by)
            VALUES (@Name, @Url, @Events, @Severities, @Areas, @Categories, @CreatedBy)
            RETURNING id
            """, new
        {
            request.Name, request.Url, Events = request.Events!.Distinct().ToArray(), Severities = All(request.Severities),
            Areas = All(request.Areas), Categories = All(request.Categories), CreatedBy = createdBy,
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            "SELECT * FROM notification_webhooks ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => new WebhookView(r.Id, r.Name, Origin(r.Url), r.Events, r.Severities, r.AreaIds, r.Categories, r.CreatedAt, r.CreatedBy))];
    }

    /// <summary>Deletes the webhook and its deliveries not yet sent.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notification_webhooks WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(long? webhookId, string? status, long? incidentId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeliveryView>(new CommandDefinition("""
            SELECT id, event_id, webhook_id, incident_id, event, status, attempts, created_at, next_attempt_at,
                   last_status_code, last_error, delivered_at
            FROM notification_outbox
            WHERE (@WebhookId::bigint IS NULL OR webhook_id = @WebhookId) AND (@Status::text IS NULL OR status = @Status)
              AND (@IncidentId::bigint IS NULL OR incident_id = @IncidentId)
            ORDER BY id DESC LIMIT @Limit
            """, new { WebhookId = webhookId, Status = status, IncidentId = incidentId, Limit = limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Scheme, host and port: enough to tell webhooks apart, nothing of a token in the path or query.</summary>
    public static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "(invalid)";

    private sealed class WebhookRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Url { get; init; } = "";
        public string[] Events { get; init; } = [];
        public string[]? Severities { get; init; }
        public string[]? AreaIds { get; init; }
        public string[]? Categories { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
    }
}
