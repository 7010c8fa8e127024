using Dapper;
using Npgsql;

namespace OpsCenter.Server.Rules;

/// <summary>The <c>rule_state</c> table: the engine's states, loaded at start and written behind in batches.</summary>
public sealed class RuleStateStore(NpgsqlDataSource dataSource)
{
    // Named like RuleState's constructor, in its order: Dapper builds records through their constructor.
    private const string Columns = "rule_id, source_id, condition_since, readings_in_a_row, raised, clear_since, detail, updated_at";

    public async Task<IReadOnlyList<RuleState>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<RuleState>(new CommandDefinition($"SELECT {Columns} FROM rule_state", cancellationToken: cancellationToken))];
    }

    /// <summary>One transaction for the batch: the newest state of each source, and the sources to forget.</summary>
    public async Task SaveAsync(IReadOnlyCollection<RuleState> saved, IReadOnlyCollection<(string RuleId, string SourceId)> forgotten, CancellationToken cancellationToken)
    {
        if (saved.Count == 0 && forgotten.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        if (forgotten.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rule_state WHERE rule_id = @RuleId AND source_id = @SourceId",
                forgotten.Select(f => new { f.RuleId, f.SourceId }), tx, cancellationToken: cancellationToken));
        }
        if (saved.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO rule_state ({Columns})
                VALUES (@RuleId, @SourceId, @ConditionSince, @ReadingsInARow, @Raised, @ClearSince, @Detail, @UpdatedAt)
                ON CONFLICT (rule_id, source_id) DO UPDATE SET condition_since = EXCLUDED.condition_since,
                    readings_in_a_row = EXCLUDED.readings_in_a_row, raised = EXCLUDED.raised, clear_since = EXCLUDED.clear_since,
                    detail = EXCLUDED.detail, updated_at = EXCLUDED.updated_at
                """, saved, tx, cancellationToken: cancellationToken));
        }
        await tx.CommitAsync(cancellationToken);
    }
}
