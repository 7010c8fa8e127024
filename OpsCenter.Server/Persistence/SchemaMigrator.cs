using Npgsql;

namespace OpsCenter.Server.Persistence;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts not yet applied, in order, each in its own transaction,
/// under an advisory lock so that two Servers starting together do not race. Runs in the hosts's "starting" phase,
/// before any hosted service's <c>StartAsync</c>, so features need not be registered after it.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger) : IHostedLifecycleService
{
    private const long LockKey = 0x0C5_C317E4;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT id FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    applied.Add(reader.GetString(0));
            }

            foreach (var (id, sql) in MigrationScripts.All())
            {
                if (applied.Contains(id))
                    continue;
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(sql, connection, tx))
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES (@id)", connection, tx))
                {
                    record.Parameters.AddWithValue("id", id);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                LogApplied(id);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>PostgreSQL may still be starting when we do; give it half a minute before failing with a clear message.</summary>
    private async Task<NpgsqlConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline)
            {
                LogWaiting(ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException($"PostgreSQL is unreachable with ConnectionStrings:Postgres ({ex.Message}).", ex);
            }
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Id}")]
    private partial void LogApplied(string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for PostgreSQL: {Error}")]
    private partial void LogWaiting(string error);
}
