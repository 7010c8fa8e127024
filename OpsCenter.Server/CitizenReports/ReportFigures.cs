using Dapper;
using Npgsql;

namespace OpsCenter.Server.CitizenReports;

/// <summary>The figures the city publishes about citizen reports, for one scope (the city, an area or a source system).</summary>
/// <param name="Key">The area id or source system; null for the whole city (or reports with no area).</param>
public sealed record ReportFigure(string? Key, long Received, long Answered, double AnsweredPercent, double? MedianMinutesToAnswer);

/// <param name="City">Every report (or, with an area filter, every report of that area).</param>
public sealed record ReportFiguresView(ReportFigure City, IReadOnlyList<ReportFigure> Areas, IReadOnlyList<ReportFigure>? Sources);

/// <summary>
/// Received, answered share and median time to answer, counted by PostgreSQL in one pass (<c>GROUPING SETS</c>): time
/// to answer runs from when the city received the report to the operator's answer.
/// </summary>
public sealed class ReportFigures(NpgsqlDataSource dataSource)
{
    /// <param name="from">With <paramref name="to"/>: only reports received in [from, to) (the leaders' periods); answers count whenever given.</param>
    public async Task<ReportFiguresView> ComputeAsync(string? areaId, bool bySource, CancellationToken cancellationToken,
        DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FigureRow>(new CommandDefinition("""
            SELECT GROUPING(area_id) = 0 AS by_area, GROUPING(source_system) = 0 AS by_source,
                   COALESCE(area_id, source_system) AS key,
                   count(*) AS received, count(answered_at) AS answered,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at) / 60.0) AS median_minutes
            FROM citizen_reports
            WHERE (@AreaId::text IS NULL OR area_id = @AreaId)
              AND (@From::timestamptz IS NULL OR received_at >= @From) AND (@To::timestamptz IS NULL OR received_at < @To)
            GROUP BY GROUPING SETS ((), (area_id), (source_system))
            """, new { AreaId = areaId, From = from?.UtcDateTime, To = to?.UtcDateTime }, cancellationToken: cancellationToken))).ToList();

        var city = rows.SingleOrDefault(r => !r.ByArea && !r.BySource)?.ToFigure() ?? new ReportFigure(null, 0, 0, 0, null);
        var areas = rows.Where(r => r.ByArea).Select(r => r.ToFigure()).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var sources = bySource ? rows.Where(r => r.BySource).Select(r => r.ToFigure()).OrderBy(f => f.Key, StringComparer.Ordinal).ToList() : null;
        return new ReportFiguresView(city, areas, sources);
    }

    /// <summary>
    /// The city's (or one area's) figures per bucket of <paramref name="step"/> (an hour or a day) from
    /// <paramref name="from"/>, by when reports were received; buckets without reports are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<DateTimeOffset, ReportFigure>> BucketsAsync(string? areaId, DateTimeOffset from, DateTimeOffset to,
        TimeSpan step, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BucketRow>(new CommandDefinition("""
            SELECT date_bin(@Step, received_at, @From) AS bucket, count(*) AS received, count(answered_at) AS answered,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at) / 60.0) AS median_minutes
            FROM citizen_reports
            WHERE (@AreaId::text IS NULL OR area_id = @AreaId) AND received_at >= @From AND received_at < @To
            GROUP BY 1
            """, new { AreaId = areaId, From = from.UtcDateTime, To = to.UtcDateTime, Step = step }, cancellationToken: cancellationToken));
        return rows.ToDictionary(
            r => new DateTimeOffset(DateTime.SpecifyKind(r.Bucket, DateTimeKind.Utc)),
            r => new FigureRow { Received = r.Received, Answered = r.Answered, MedianMinutes = r.MedianMinutes }.ToFigure());
    }

    private sealed class BucketRow
    {
        public DateTime Bucket { get; init; }
        public long Received { get; init; }
        public long Answered { get; init; }
        public double? MedianMinutes { get; init; }
    }

    private sealed class FigureRow
    {
        public bool ByArea { get; init; }
        public bool BySource { get; init; }
        public string? Key { get; init; }
        public long Received { get; init; }
        public long Answered { get; init; }
        public double? MedianMinutes { get; init; }

        public ReportFigure ToFigure() => new(
            Key, Received, Answered, Received == 0 ? 0 : Math.Round(100.0 * Answered / Received, 1),
            MedianMinutes is { } m ? Math.Round(m, 1) : null);
    }
}
