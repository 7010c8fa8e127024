using Dapper;
using Npgsql;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Rules;

/// <summary>The <c>rules</c> table: loads and saves definitions. Validation is the rule's own business, not the store's.</summary>
public sealed class RuleStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<StoredRule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RuleRow>(new CommandDefinition(
            "SELECT id, definition::text AS definition, version, updated_by, updated_at FROM rules ORDER BY id", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToStoredRule()).OfType<StoredRule>()];
    }

    public async Task<StoredRule?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(
            "SELECT id, definition::text AS definition, version, updated_by, updated_at FROM rules WHERE id = @Id",
            new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToStoredRule();
    }

    /// <returns>True when the rule is new.</returns>
    public async Task<bool> SaveAsync(RuleDefinition rule, string by, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            INSERT INTO rules (id, definition, updated_by) VALUES (@Id, @Definition, @By)
            ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, version = nextval('rules_version'),
                updated_by = EXCLUDED.updated_by, updated_at = now()
            RETURNING (xmax = 0)
            """, new { rule.Id, Definition = new Jsonb(RuleJson.Serialize(rule)), By = by }, cancellationToken: cancellationToken));
    }

    /// <summary>Removes the rule and its states together.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rules WHERE id = @Id", new { Id = id }, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rule_state WHERE rule_id = @Id", new { Id = id }, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return deleted == 1;
    }

    /// <summary>Moves whenever a rule is added, changed or deleted: Servers compare it instead of every definition.</summary>
    public async Task<string> FingerprintAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT coalesce(max(version), 0) || '/' || count(*) FROM rules", cancellationToken: cancellationToken)) ?? "";
    }

    private sealed class RuleRow
    {
        public string Id { get; set; } = "";
        public string Definition { get; set; } = "";
        public long Version { get; set; }
        public string UpdatedBy { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }

        /// <summary>Null for a row no longer readable as a rule (edited by hand): it is left out, not fatal.</summary>
        public StoredRule? ToStoredRule() =>
            RuleJson.Parse(Definition, out _) is { } rule ? new StoredRule(rule, Version, UpdatedBy, UpdatedAt) : null;
    }
}
