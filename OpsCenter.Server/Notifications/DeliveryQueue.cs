using Dapper;
using Npgsql;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Notifications;

/// <summary>A delivery claimed for sending: the webhook's URL travels only from here to the HTTP client.</summary>
public sealed record ClaimedDelivery(long Id, Guid EventId, string Event, long WebhookId, string WebhookName, string Url, Jsonb Payload, int Attempts);

/// <summary>
/// The sender's side of <c>notification_outbox</c>. Claiming moves <c>next_attempt_at</c> one lease ahead under
/// <c>FOR UPDATE SKIP LOCKED</c>, so Servers sending at once never take the same row, and a Server that dies mid-send
/// leaves it to be sent again once the lease runs out (at least once; receivers drop repeats by event id).
/// </summary>
public sealed class DeliveryQueue(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClaimedRow>(new CommandDefinition("""
            WITH due AS (
                SELECT id FROM notification_outbox
                WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
                ORDER BY id LIMIT @BatchSize
                FOR UPDATE SKIP LOCKED)
            UPDATE notification_outbox o
            SET next_attempt_at = clock_timestamp() + make_interval(secs => @LeaseSeconds), attempts = o.attempts + 1
            FROM due, notification_webhooks w
            WHERE o.id = due.id AND w.id = o.webhook_id
            RETURNING o.id, o.event_id, o.event, o.webhook_id, w.name AS webhook_name, w.url, o.payload, o.attempts
            """, new { BatchSize = batchSize, LeaseSeconds = lease.TotalSeconds }, cancellationToken: cancellationToken));
        return [.. rows.OrderBy(r => r.Id).Select(r => new ClaimedDelivery(r.Id, r.EventId, r.Event, r.WebhookId, r.WebhookName, r.Url, r.Payload!, r.Attempts))];
    }

    public async Task MarkDeliveredAsync(long id, int statusCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox SET status = 'delivered', delivered_at = clock_timestamp(), last_status_code = @StatusCode, last_error = NULL
            WHERE id = @Id
            """, new { Id = id, StatusCode = statusCode }, cancellationToken: cancellationToken));
    }

    /// <param name="retryAfter">Null: the attempts are used up, the delivery is marked failed.</param>
    public async Task MarkFailedAsync(long id, int? statusCode, string error, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE notification_outbox SET
                status = CASE WHEN @RetrySeconds::double precision IS NULL THEN 'failed' ELSE 'pending' END,
                next_attempt_at = CASE WHEN @RetrySeconds::double precision IS NULL THEN next_attempt_at
                                       ELSE clock_timestamp() + make_interval(secs => @RetrySeconds) END,
                last_status_code = @StatusCode, last_error = @Error
            WHERE id = @Id AND status = 'pending'
            """, new { Id = id, StatusCode = statusCode, Error = error, RetrySeconds = retryAfter?.TotalSeconds }, cancellationToken: cancellationToken));
    }

    private sealed class ClaimedRow
    {
        public long Id { get; init; }
        public Guid EventId { get; init; }
        public string Event { get; init; } = "";
        public long WebhookId { get; init; }
        public string WebhookName { get; init; } = "";
        public string Url { get; init; } = "";
        public Jsonb? Payload { get; init; }
        public int Attempts { get; init; }
    }
}
