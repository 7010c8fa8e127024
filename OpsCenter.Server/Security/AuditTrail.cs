using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace OpsCenter.Server.Security;

/// <summary>Rows of <c>audit_log</c>: who did or saw what. Details must never carry the personal data itself.</summary>
public sealed class AuditTrail(NpgsqlDataSource dataSource)
{
    public async Task RecordAsync(string actor, string action, string? subject, object? detail, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO audit_log (actor, action, subject, detail) VALUES (@a, @x, @s, @d)");
        command.Parameters.AddWithValue("a", actor);
        command.Parameters.AddWithValue("x", action);
        command.Parameters.AddWithValue("s", (object?)subject ?? DBNull.Value);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Jsonb)
        {
            Value = detail is null ? DBNull.Value : JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
