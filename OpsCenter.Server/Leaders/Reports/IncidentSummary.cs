using Dapper;
using Npgsql;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>What the control room handled in a period: incidents opened (by severity and category), resolved, escalated.</summary>
/// <param name="MedianMinutesToAcknowledge">Over the incidents opened in the period and acknowledged since; null when none was.</param>
public sealed record IncidentSummary(
    int Opened,
    IReadOnlyList<(string Name, int Count)> BySeverity,
    IReadOnlyList<(string Name, int Count)> ByCategory,
    int Resolved,
    int Escalated,
    double? MedianMinutesToAcknowledge)
{
    /// <summary>The report leaves the section out when the period had nothing to tell.</summary>
    public bool IsEmpty => Opened == 0 && Resolved == 0 && Escalated == 0;
}

/// <summary>
/// Reads <see cref="IncidentSummary"/> from the incident tables (migrations 0004, 0006). Storm summaries are left out
/// (they count the incidents filed under them, which are counted themselves), and so are incidents silenced by a
/// maintenance window (recorded, but nobody was asked to act). Escalations are the SLA's <c>escalated</c> trail entries.
/// </summary>
public sealed class IncidentSummaryReader(NpgsqlDataSource dataSource)
{
    private const string Counted = "NOT is_storm_summary AND NOT silenced";

    public async Task<IncidentSummary> ReadAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var range = new { From = from, Until = until };
        var groups = (await connection.QueryAsync<GroupCount>(new CommandDefinition($"""
            SELECT 'severity' AS dimension, severity AS name, count(*)::int AS count FROM incidents
             WHERE opened_at >= @From AND opened_at < @Until AND {Counted} GROUP BY severity
            UNION ALL
            SELECT 'category', category, count(*)::int FROM incidents
             WHERE opened_at >= @From AND opened_at < @Until AND {Counted} GROUP BY category
            """, range, cancellationToken: cancellationToken))).ToList();
        var totals = await connection.QuerySingleAsync<Totals>(new CommandDefinition($"""
            SELECT
              (SELECT count(*)::int FROM incidents WHERE opened_at >= @From AND opened_at < @Until AND {Counted}) AS opened,
              (SELECT count(*)::int FROM incidents WHERE resolved_at >= @From AND resolved_at < @Until AND {Counted}) AS resolved,
              (SELECT count(*)::int FROM incident_events WHERE action = 'escalated' AND at >= @From AND at < @Until) AS escalated,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (extract(epoch FROM acknowledged_at - opened_at) / 60.0)::float8)
                 FROM incidents WHERE opened_at >= @From AND opened_at < @Until AND acknowledged_at IS NOT NULL AND {Counted}
              ) AS median_minutes_to_acknowledge
            """, range, cancellationToken: cancellationToken));
        return new IncidentSummary(
            totals.Opened,
            Ordered(groups, "severity", SeverityOrder),
            Ordered(groups, "category", _ => 0),
            totals.Resolved,
            totals.Escalated,
            totals.MedianMinutesToAcknowledge);
    }

    private static List<(string, int)> Ordered(IEnumerable<GroupCount> groups, string dimension, Func<string, int> rank) =>
        [.. groups.Where(g => g.Dimension == dimension).OrderBy(g => rank(g.Name)).ThenByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => (g.Name, g.Count))];

    private static int SeverityOrder(string severity) => severity switch
    {
        "critical" => 0,
        "major" => 1,
        "minor" => 2,
        _ => 3,
    };

    private sealed class GroupCount
    {
        public string Dimension { get; init; } = "";
        public string Name { get; init; } = "";
        public int Count { get; init; }
    }

    private sealed class Totals
    {
        public int Opened { get; init; }
        public int Resolved { get; init; }
        public int Escalated { get; init; }
        public double? MedianMinutesToAcknowledge { get; init; }
    }
}
