using Dapper;
using Npgsql;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Security;

/// <summary>Rows of <c>audit_log</c>: who did or saw what. Details must never carry the personal data itself.</summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string actor, string action, string? subject, object? detail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (actor, action, subject, detail) VALUES (@Actor, @Action, @Subject, @Detail)",
            new { Actor = actor, Action = action, Subject = subject, Detail = Jsonb.Serialize(detail) }, cancellationToken: cancellationToken));
    }
}
