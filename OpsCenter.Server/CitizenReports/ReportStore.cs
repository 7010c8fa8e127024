using Dapper;
using Npgsql;

namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// The <c>citizen_reports</c> table: loads and saves <see cref="CitizenReport"/>s, and answers readers' queries.
/// Readers' queries never select the contact columns.
/// </summary>
public sealed class ReportStore(NpgsqlDataSource dataSource)
{
    // Named like ReportView's constructor, in its order: Dapper builds records through their constructor.
    private const string ViewColumns = """
        report_id, ts, category, description, lat, lon, photo_url,
        (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL OR reporter_email IS NOT NULL) AS has_reporter_contact, received_at,
        source_system, area_id, answer_text, answered_by, answered_at, citizen_agreed, verdict_at
        """;

    /// <summary>False when a report with this id exists already (the app backend retries; the first copy wins).</summary>
    public async Task<bool> AddAsync(CitizenReport report, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO citizen_reports (report_id, ts, category, description, lat, lon, photo_url,
                                         reporter_name, reporter_phone, reporter_email, received_at, received_from, source_system, area_id)
            VALUES (@ReportId, @Ts, @Category, @Description, @Lat, @Lon, @PhotoUrl,
                    @ReporterName, @ReporterPhone, @ReporterEmail, @ReceivedAt, @ReceivedFrom, @SourceSystem, @AreaId)
            ON CONFLICT (report_id) DO NOTHING
            """, ReportRow.From(report), cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>The whole report, contact included: only for code that answers reports.</summary>
    public async Task<CitizenReport?> LoadAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition(
            "SELECT * FROM citizen_reports WHERE report_id = @ReportId", new { ReportId = reportId }, cancellationToken: cancellationToken));
        return row?.ToReport();
    }

    /// <summary>
    /// Stores the report's answer and verdict if nobody changed it since it was loaded; false (nothing written) when
    /// somebody did, e.g. another operator answered first.
    /// </summary>
    public async Task<bool> SaveLifecycleAsync(CitizenReport report, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE citizen_reports SET
                answer_text = @AnswerText, answered_by = @AnsweredBy, answered_at = @AnsweredAt,
                citizen_agreed = @CitizenAgreed, verdict_at = @VerdictAt, version = version + 1
            WHERE report_id = @ReportId AND version = @Version
            """, ReportRow.From(report), cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task<IReadOnlyList<ReportView>> ListAsync(string? category, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reports = await connection.QueryAsync<ReportView>(new CommandDefinition(
            $"SELECT {ViewColumns} FROM citizen_reports WHERE (@Category::text IS NULL OR category = @Category) ORDER BY ts DESC LIMIT @Limit",
            new { Category = category, Limit = limit }, cancellationToken: cancellationToken));
        return [.. reports];
    }

    public async Task<ReportView?> GetAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReportView>(new CommandDefinition(
            $"SELECT {ViewColumns} FROM citizen_reports WHERE report_id = @ReportId", new { ReportId = reportId }, cancellationToken: cancellationToken));
    }
}
