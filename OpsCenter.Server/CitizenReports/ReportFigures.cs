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
    public async Task<ReportFiguresView> ComputeAsync(string? areaId, bool bySource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FigureRow>(new CommandDefinition("""
            SELECT GROUPING(area_id) = 0 AS by_area, GROUPING(source_system) = 0 AS by_source,
                   COALESCE(area_id, source_system) AS key,
                   count(*) AS received, count(answered_at) AS answered,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at) / 60.0) AS median_minutes
            FROM citizen_reports
            WHERE (@AreaId::text IS NULL OR area_id = @AreaId)
            GROUP BY GROUPING SETS ((), (area_id), (source_system))
            """, new { AreaId = areaId }, cancellationToken: cancellationToken))).ToList();

        var city = rows.SingleOrDefault(r => !r.ByArea && !r.BySource)?.ToFigure() ?? new ReportFigure(null, 0, 0, 0, null);
        var areas = rows.Where(r => r.ByArea).Select(r => r.ToFigure()).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var sources = bySource ? rows.Where(r => r.BySource).Select(r => r.ToFigure()).OrderBy(f => f.Key, StringComparer.Ordinal).ToList() : null;
        return new ReportFiguresView(city, areas, sources);
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
