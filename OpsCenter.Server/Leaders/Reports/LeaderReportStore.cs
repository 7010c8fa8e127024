using Dapper;
using Npgsql;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>A stored report without its bytes: what the list shows.</summary>
public sealed record StoredReport(
    Guid Id, ReportKind Kind, CityDays Days, DateTimeOffset CreatedAt, bool Ready, string? Error, IReadOnlyList<StoredChart> Charts);

public sealed record StoredChart(string Name, int Width, int Height);

/// <summary>
/// The reports in PostgreSQL (migration 0008): one row per kind and period, the PDF beside it and the charts in a child
/// table. Saving a period again replaces that row's content in one transaction and keeps its id, so links stay good.
/// </summary>
public sealed class LeaderReportStore(NpgsqlDataSource dataSource)
{
    public async Task<StoredReport> SaveReadyAsync(
        ReportKind kind, CityDays days, DateTimeOffset createdAt, byte[] pdf, IReadOnlyList<ReportChart> charts, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await UpsertAsync(connection, transaction, kind, days, createdAt, "ready", null, pdf, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leader_report_charts WHERE report_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        foreach (var chart in charts)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO leader_report_charts (report_id, name, width, height, png) VALUES (@id, @Name, @Width, @Height, @Png)
                """, new { id, chart.Name, chart.Width, chart.Height, chart.Png }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return new StoredReport(id, kind, days, createdAt, true, null, [.. charts.Select(c => new StoredChart(c.Name, c.Width, c.Height))]);
    }

    /// <summary>
    /// Marks the period's report failed with the reason, unless a ready one exists (a retry of a report another Server
    /// already made must not hide it).
    /// </summary>
    public async Task RecordFailureAsync(ReportKind kind, CityDays days, DateTimeOffset at, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leader_reports (id, kind, period_from, period_to, created_at, status, error, pdf)
            VALUES (@Id, @Kind, @From, @To, @At, 'failed', @Error, NULL)
            ON CONFLICT (kind, period_from, period_to) DO UPDATE SET created_at = excluded.created_at, error = excluded.error
            WHERE leader_reports.status = 'failed'
            """, new { Id = Guid.CreateVersion7(), Kind = kind.Name(), days.From, days.To, At = at, Error = error }, cancellationToken: cancellationToken));
    }

    /// <summary>The ready report of this kind and period, if one was made.</summary>
    public async Task<StoredReport?> FindReadyAsync(ReportKind kind, CityDays days, CancellationToken cancellationToken)
    {
        var reports = await ListAsync("WHERE r.kind = @Kind AND r.period_from = @From AND r.period_to = @To AND r.status = 'ready'",
            new { Kind = kind.Name(), days.From, days.To }, cancellationToken);
        return reports.SingleOrDefault();
    }

    /// <summary>Whether any report of this kind was ever made (ready): a new installation has none.</summary>
    public async Task<bool> AnyReadyAsync(ReportKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM leader_reports WHERE kind = @Kind AND status = 'ready')",
            new { Kind = kind.Name() }, cancellationToken: cancellationToken));
    }

    public async Task<StoredReport?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await ListAsync("WHERE r.id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<StoredReport>> ListAsync(CancellationToken cancellationToken) => ListAsync("", null, cancellationToken);

    public async Task<(ReportKind Kind, CityDays Days, byte[] Pdf)?> PdfAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            "SELECT id, kind, period_from, period_to, created_at, status, error, pdf FROM leader_reports WHERE id = @id AND status = 'ready'",
            new { id }, cancellationToken: cancellationToken));
        return row is null ? null : (ReportKinds.Parse(row.Kind), new CityDays(row.PeriodFrom, row.PeriodTo), row.Pdf!);
    }

    public async Task<byte[]?> ChartAsync(Guid id, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT png FROM leader_report_charts WHERE report_id = @id AND name = @name", new { id, name }, cancellationToken: cancellationToken));
    }

    private static async Task<Guid> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ReportKind kind, CityDays days, DateTimeOffset createdAt,
        string status, string? error, byte[]? pdf, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<Guid>(new CommandDefinition("""
            INSERT INTO leader_reports (id, kind, period_from, period_to, created_at, status, error, pdf)
            VALUES (@Id, @Kind, @From, @To, @CreatedAt, @Status, @Error, @Pdf)
            ON CONFLICT (kind, period_from, period_to) DO UPDATE
               SET created_at = excluded.created_at, status = excluded.status, error = excluded.error, pdf = excluded.pdf
            RETURNING id
            """, new { Id = Guid.CreateVersion7(), Kind = kind.Name(), days.From, days.To, CreatedAt = createdAt, Status = status, Error = error, Pdf = pdf },
            transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<StoredReport>> ListAsync(string where, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT r.id, r.kind, r.period_from, r.period_to, r.created_at, r.status, r.error FROM leader_reports r {where} ORDER BY r.created_at DESC, r.id DESC",
            parameters, cancellationToken: cancellationToken))).ToList();
        var ids = rows.Select(r => r.Id).ToArray();
        var charts = (await connection.QueryAsync<ChartRow>(new CommandDefinition(
            "SELECT report_id, name, width, height FROM leader_report_charts WHERE report_id = ANY(@ids) ORDER BY name",
            new { ids }, cancellationToken: cancellationToken))).ToLookup(c => c.ReportId);
        return [.. rows.Select(r => new StoredReport(r.Id, ReportKinds.Parse(r.Kind), new CityDays(r.PeriodFrom, r.PeriodTo), r.CreatedAt,
            r.Status == "ready", r.Error, [.. charts[r.Id].OrderBy(c => ChartOrder(c.Name)).Select(c => new StoredChart(c.Name, c.Width, c.Height))]))];
    }

    private static int ChartOrder(string name) => name switch
    {
        ReportCharts.TrafficSpeedByHour => 0,
        ReportCharts.CameraAvailabilityByArea => 1,
        ReportCharts.OneStopWaitByArea => 2,
        ReportCharts.OneStopOnTimeByArea => 3,
        _ => 4,
    };

    private sealed class ReportRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly PeriodFrom { get; init; }
        public DateOnly PeriodTo { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string Status { get; init; } = "";
        public string? Error { get; init; }
        public byte[]? Pdf { get; init; }
    }

    private sealed class ChartRow
    {
        public Guid ReportId { get; init; }
        public string Name { get; init; } = "";
        public int Width { get; init; }
        public int Height { get; init; }
    }
}
