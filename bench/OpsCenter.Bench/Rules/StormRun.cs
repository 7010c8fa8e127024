using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.LocalServices;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Bench.Rules;

/// <summary>
/// An alert storm against a real PostgreSQL: 10,000 new incidents (distinct sources) for one area, stamped within one
/// minute, raised through <see cref="IncidentIntake"/> from several tasks at once, with the storm cap at 20 per area per
/// minute. Then the exact counts are checked in the database: 20 standalone, one summary counting the other 9,980.
/// </summary>
internal static class StormRun
{
    private const int Raises = 10_000;
    private const int Cap = 20;
    private const int Tasks = 8;

    public static async Task<IReadOnlyList<string>> MeasureAsync()
    {
        var report = new List<string>();
        var postgres = await PostgresServer.StartNewAsync();
        var pid = postgres.Pid;
        try
        {
            report.AddRange(await StormAsync(postgres.ConnectionString));
        }
        finally
        {
            await postgres.DisposeAsync();
            ProcessTree.StopIfStillRunning(pid);
        }
        return report;
    }

    private static async Task<IReadOnlyList<string>> StormAsync(string connectionString)
    {
        DapperConventions.Apply();
        // One pool as one Server has; a connection per raising task.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Tasks + 2 }.ConnectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).StartingAsync(CancellationToken.None);
        // Grouping off: below the cap it would file same-type incidents under the first, and the figure checked here is the cap.
        var options = new IncidentsOptions { StormCapPerAreaPerMinute = Cap, GroupingWindowMinutes = 0 };
        var intake = new IncidentIntake(dataSource, new IncidentStore(dataSource), Options.Create(options), Options.Create(new SlaOptions()));

        var area = $"storm-{Guid.NewGuid():N}"[..20];
        var minute = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
        var latencies = new double[Raises];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Raises)
            {
                // 6 ms apart: the 10,000 stamps fill exactly one minute, the window the cap counts in.
                var signal = new IncidentSignal($"det-{i:D5}", "congestion", IncidentSeverities.Major, IncidentCategories.Traffic, area,
                    minute.AddMilliseconds(i * 6), "storm-bench", $"Congestion at det-{i:D5}");
                var started = Stopwatch.GetTimestamp();
                await intake.RaiseAsync(signal, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        wall.Stop();

        Array.Sort(latencies);
        var report = new List<string>
        {
            $"storm: {Raises:N0} raises for one area within one minute (signal time), {Tasks} concurrent tasks, distinct sources, cap {Cap}/min/area, grouping off: " +
            $"{Raises / wall.Elapsed.TotalSeconds:N0} raises/s ({wall.Elapsed.TotalSeconds:N1} s); latency per raise p50 {Percentile(latencies, 0.50):N1} ms, " +
            $"p99 {Percentile(latencies, 0.99):N1} ms, max {latencies[^1]:N1} ms",
        };
        report.Add(await CheckCountsAsync(dataSource, area));
        return report;
    }

    /// <summary>Exactness, from the rows themselves: 20 standalone, one summary, its occurrences = its children = the rest.</summary>
    private static async Task<string> CheckCountsAsync(NpgsqlDataSource dataSource, string area)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE NOT is_storm_summary),
                   count(*) FILTER (WHERE NOT is_storm_summary AND parent_id IS NULL),
                   count(*) FILTER (WHERE is_storm_summary),
                   coalesce(sum(occurrences) FILTER (WHERE is_storm_summary), 0),
                   count(*) FILTER (WHERE parent_id IN (SELECT id FROM incidents WHERE area_id = $1 AND is_storm_summary)),
                   count(*)
            FROM incidents WHERE area_id = $1
            """);
        command.Parameters.AddWithValue(area);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (incidents, standalone, summaries, occurrences, filed, rows) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
        var exact = incidents == Raises && standalone == Cap && summaries == 1 && occurrences == Raises - Cap && filed == Raises - Cap && rows == Raises + 1;
        return $"storm: exact counts {(exact ? "PASS" : "FAIL")}: incidents {incidents:N0} (want {Raises:N0}), standalone {standalone} (want {Cap}), " +
            $"summaries {summaries} (want 1), summary occurrences {occurrences:N0} and filed under it {filed:N0} (want {Raises - Cap:N0}), rows {rows:N0} (want {Raises + 1:N0})";
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
