using Dapper;
using Npgsql;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>One mark: an hour late data touched, and when it was (last) marked.</summary>
public sealed record TouchedHour(DateTimeOffset Hour, DateTimeOffset MarkedAt);

/// <summary>
/// The hours late readings touched, in PostgreSQL (<c>rollup_touched_hours</c>, migration 0010), shared by every
/// Server: whichever Server saw the reading marks its hour, whichever runs the job recomputes it.
/// </summary>
public sealed class TouchedHourStore(NpgsqlDataSource dataSource)
{
    public async Task MarkAsync(IReadOnlyCollection<DateTimeOffset> hours, CancellationToken cancellationToken)
    {
        if (hours.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Marked again: marked_at moves on, so a job that read the older mark does not delete this one.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO rollup_touched_hours (hour) SELECT unnest(@Hours)
            ON CONFLICT (hour) DO UPDATE SET marked_at = clock_timestamp()
            """, new { Hours = hours.Select(h => h.UtcDateTime).ToArray() }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks of hours in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<TouchedHour>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MarkRow>(new CommandDefinition(
            "SELECT hour, marked_at FROM rollup_touched_hours WHERE hour >= @From AND hour < @To ORDER BY hour",
            new { From = from.UtcDateTime, To = to.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.Select(r => new TouchedHour(Utc(r.Hour), Utc(r.MarkedAt))).ToList();
    }

    /// <summary>Deletes exactly the marks that were read (hour and time), after their hours were recomputed.</summary>
    public async Task ClearAsync(IReadOnlyCollection<TouchedHour> marks, CancellationToken cancellationToken)
    {
        if (marks.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM rollup_touched_hours t USING unnest(@Hours, @Marks) AS m(hour, marked_at)
            WHERE t.hour = m.hour AND t.marked_at = m.marked_at
            """, new { Hours = marks.Select(m => m.Hour.UtcDateTime).ToArray(), Marks = marks.Select(m => m.MarkedAt.UtcDateTime).ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>Drops marks older than anything the contract accepts (their hours are swept or gone).</summary>
    public async Task ForgetBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rollup_touched_hours WHERE hour < @Before",
            new { Before = before.UtcDateTime }, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed class MarkRow
    {
        public DateTime Hour { get; init; }
        public DateTime MarkedAt { get; init; }
    }
}
