using Npgsql;

namespace OpsCenter.Server.CitizenReports;

/// <summary>The <c>citizen_reports</c> table. Readers' queries never select the contact columns.</summary>
public sealed class ReportStore(NpgsqlDataSource dataSource)
{
    private const string ViewColumns = """
        report_id, ts, category, description, lat, lon, photo_url,
        (reporter_name IS NOT NULL OR reporter_phone IS NOT NULL OR reporter_email IS NOT NULL), received_at
        """;

    /// <summary>False when a report with this id exists already (the app backend retries; the first copy wins).</summary>
    public async Task<bool> AddAsync(ReportSubmission r, DateTimeOffset ts, string receivedFrom, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO citizen_reports (report_id, ts, category, description, lat, lon, photo_url, reporter_name, reporter_phone, reporter_email, received_from)
            VALUES (@id, @ts, @category, @description, @lat, @lon, @photo, @name, @phone, @email, @from)
            ON CONFLICT (report_id) DO NOTHING
            """);
        var contact = r.Reporter is { IsEmpty: false } c ? c : null;
        command.Parameters.AddWithValue("id", r.ReportId!);
        command.Parameters.AddWithValue("ts", ts.ToUniversalTime());
        command.Parameters.AddWithValue("category", r.Category!);
        command.Parameters.AddWithValue("description", r.Description!);
        command.Parameters.AddWithValue("lat", r.Lat!.Value);
        command.Parameters.AddWithValue("lon", r.Lon!.Value);
        command.Parameters.AddWithValue("photo", (object?)r.PhotoUrl ?? DBNull.Value);
        command.Parameters.AddWithValue("name", (object?)Blank(contact?.Name) ?? DBNull.Value);
        command.Parameters.AddWithValue("phone", (object?)Blank(contact?.Phone) ?? DBNull.Value);
        command.Parameters.AddWithValue("email", (object?)Blank(contact?.Email) ?? DBNull.Value);
        command.Parameters.AddWithValue("from", receivedFrom);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ReportView>> ListAsync(string? category, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {ViewColumns} FROM citizen_reports WHERE (@category::text IS NULL OR category = @category) ORDER BY ts DESC LIMIT @limit");
        command.Parameters.AddWithValue("category", (object?)category ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var reports = new List<ReportView>();
        while (await reader.ReadAsync(cancellationToken))
            reports.Add(ReadView(reader));
        return reports;
    }

    public async Task<ReportView?> GetAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ViewColumns} FROM citizen_reports WHERE report_id = @id");
        command.Parameters.AddWithValue("id", reportId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadView(reader) : null;
    }

    /// <summary>Null when the report does not exist; an empty contact when the reporter left none.</summary>
    public async Task<ReporterContact?> GetContactAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT reporter_name, reporter_phone, reporter_email FROM citizen_reports WHERE report_id = @id");
        command.Parameters.AddWithValue("id", reportId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        return new ReporterContact(Text(reader, 0), Text(reader, 1), Text(reader, 2));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static ReportView ReadView(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetDouble(5),
        Text(r, 6), r.GetBoolean(7), r.GetFieldValue<DateTimeOffset>(8));
}
