using System.Text.Json;
using Dapper;
using Npgsql;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// Case receipts kept in PostgreSQL (<c>case_receipts</c>, migration 0012) for <see cref="KeepFor"/>, longer than the
/// raw readings' 30 days, so a case resolved after those still joins its receipt (<see cref="CaseLedger"/>). The
/// rollups keep every receipt of the hours they compute (so each is kept within minutes of arriving); the rollups'
/// look-back and the KPI rebuild read them beside the raw ones.
/// </summary>
public sealed class CaseReceiptArchive(NpgsqlDataSource dataSource)
{
    /// <summary>The ledger's look-back and a margin: long enough for every join, bounded.</summary>
    public static readonly TimeSpan KeepFor = CaseLedger.Lookback + TimeSpan.FromDays(7);

    public async Task KeepAsync(IReadOnlyCollection<StoredReading> receipts, CancellationToken cancellationToken)
    {
        if (receipts.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_receipts (device_id, point_ns, received_at, reading)
            SELECT * FROM unnest(@Devices, @Points, @At, @Readings)
            ON CONFLICT (device_id, point_ns) DO NOTHING
            """, new
            {
                Devices = receipts.Select(r => r.DeviceId).ToArray(),
                Points = receipts.Select(r => KpiEngine.PointIdentity(r).Ns).ToArray(),
                At = receipts.Select(r => r.Ts.UtcDateTime).ToArray(),
                Readings = receipts.Select(r => JsonSerializer.Serialize(r, IngestionJsonContext.Default.StoredReading)).ToArray(),
            }, cancellationToken: cancellationToken));
    }

    /// <summary>Receipts in [from, to), in no particular order.</summary>
    public async Task<IReadOnlyList<StoredReading>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT reading FROM case_receipts WHERE received_at >= @From AND received_at < @To",
            new { From = from.UtcDateTime, To = to.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.Select(json => JsonSerializer.Deserialize(json, IngestionJsonContext.Default.StoredReading)!).ToList();
    }

    public async Task ForgetBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM case_receipts WHERE received_at < @Before",
            new { Before = before.UtcDateTime }, cancellationToken: cancellationToken));
    }
}
