using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.LocalServices;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Persistence;
using OpsCenter.Server.Rules;

namespace OpsCenter.Bench.Rules;

/// <summary>
/// The rule engine with its effects going where the Server sends them: <see cref="RuleEffectsWriter"/> → the real
/// <see cref="IncidentIntake"/> (storm cap and grouping at their defaults) and <see cref="RuleStateStore"/> → a real
/// PostgreSQL. Readings are fed in real time at Ingest's full rate, with an alert storm mixed in (camera accidents from
/// distinct cameras in every area at 10,000 a minute), so the writer runs beside the engine as it does live.
/// </summary>
internal static class RuleIntakeRun
{
    /// <summary>The storm benchmark's "10,000 new incidents a minute", spread over the city's 20 areas.</summary>
    private const double StormPerSecond = 10_000 / 60.0;

    /// <summary>Each camera once per type: 9,000 distinct (camera, type) pairs, new incidents for 54 s of storm; repeats after that.</summary>
    private static readonly string[] StormTypes = [CameraEventTypes.Accident, CameraEventTypes.Fire, CameraEventTypes.Tamper];

    public static async Task<IReadOnlyList<string>> MeasureAsync(int readingCount)
    {
        var postgres = await PostgresServer.StartNewAsync();
        var pid = postgres.Pid;
        try
        {
            return await MeasureAsync(postgres.ConnectionString, pid, readingCount);
        }
        finally
        {
            await postgres.DisposeAsync();
            ProcessTree.StopIfStillRunning(pid);
        }
    }

    private static async Task<IReadOnlyList<string>> MeasureAsync(string connectionString, int? postgresPid, int readingCount)
    {
        DapperConventions.Apply();
        // A Server's pool: the writer uses one connection at a time, as in the Server.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 10 }.ConnectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).StartingAsync(CancellationToken.None);

        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7));
        var readings = WithStorm(BenchCity.Readings(readingCount, RuleCostRun.IngestRate, start));
        var intake = new IncidentIntake(dataSource, new IncidentStore(dataSource), Options.Create(new IncidentsOptions()), Options.Create(new SlaOptions()));
        var sink = new TimedSink(intake, start);
        await using var services = new ServiceCollection().AddSingleton<IIncidentSink>(sink).BuildServiceProvider();
        var effects = new RuleEffects();
        var writer = new RuleEffectsWriter(effects, new RuleStateStore(dataSource), services, NullLogger<RuleEffectsWriter>.Instance);
        var clock = new PacedClock(start);
        var engine = new RuleEngine(effects, new DeviceDirectory(BenchCity.Create()), clock, NullLogger<RuleEngine>.Instance);
        engine.Load(BenchRuleSet.Create(), []);

        // Warm-up: the first raise and clear pay for JIT, Dapper's plans and opening the pool; not billed to the run.
        var warmUp = new IncidentSignal("warm-up", "warm-up", IncidentSeverities.Info, IncidentCategories.Device, null, start.AddDays(-1), null, "warm-up");
        await intake.RaiseAsync(warmUp, CancellationToken.None);
        await intake.ClearAsync(new IncidentClear("warm-up", "warm-up", start.AddDays(-1), null), CancellationToken.None);

        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var postgresBefore = ProcessTree.CpuTime(postgresPid);
        await writer.StartAsync(CancellationToken.None);
        var wall = Stopwatch.StartNew();
        sink.Started(wall);
        var feedLate = await Task.Run(() => FeedInRealTime(engine, clock, readings, wall));
        var fed = wall.Elapsed;
        await writer.StopAsync(CancellationToken.None); // writes what is still queued
        var drained = wall.Elapsed - fed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var postgresCpu = ProcessTree.CpuTime(postgresPid) - postgresBefore;

        var raises = sink.RaiseLatencies();
        var lags = sink.CommitLags();
        var rows = await CountAsync(dataSource);
        return
        [
            $"rules → intake: {readings.Length:N0} readings ({readings.Count(r => r.Channel == DeviceChannel.Event):N0} camera events, a storm of " +
            $"{StormPerSecond * 60:N0}/min critical camera events over {BenchCity.Areas} areas mixed in) fed in real time at {RuleCostRun.IngestRate:N0} msg/s for {fed.TotalSeconds:N1} s (no liveness changes, so no offline clears); " +
            $"effects written by RuleEffectsWriter → IncidentIntake + RuleStateStore into PostgreSQL 15 (cap 20/area/min, grouping 5 min)",
            $"rules → intake: {raises.Length:N0} raises and {sink.Clears:N0} clears taken by the intake: {raises.Length / fed.TotalSeconds:N0} raises/s; " +
            $"{rows.Incidents:N0} incidents opened ({rows.Incidents / fed.TotalSeconds:N0}/s), {rows.Summaries:N0} storm summaries, {rows.Filed:N0} filed under them, " +
            $"{rows.Grouped:N0} grouped; {rows.Occurrences:N0} occurrences counted",
            $"rules → intake: RaiseAsync latency p50 {Percentile(raises, 0.50):N1} ms, p99 {Percentile(raises, 0.99):N1} ms, max {raises.LastOrDefault():N1} ms; " +
            $"camera event reading-to-commit (its device time to the raise's commit) p50 {Percentile(lags, 0.50):N0} ms, p99 {Percentile(lags, 0.99):N0} ms, max {lags.LastOrDefault():N0} ms; " +
            $"the feed (one thread) fell behind real time by at most {feedLate.TotalMilliseconds:N0} ms; {drained.TotalMilliseconds:N0} ms to drain after the last reading",
            $"rules → intake: CPU per reading: bench process (engine + writer + intake + Npgsql) {cpu.TotalMicroseconds / readings.Length:N2} µs, " +
            $"PostgreSQL {postgresCpu.TotalMicroseconds / readings.Length:N2} µs; at {RuleCostRun.IngestRate:N0} msg/s that is " +
            $"{cpu.TotalMicroseconds / readings.Length * RuleCostRun.IngestRate / 1e6:P1} + {postgresCpu.TotalMicroseconds / readings.Length * RuleCostRun.IngestRate / 1e6:P1} of one core",
        ];
    }

    /// <summary>
    /// Replaces readings at the storm's rate with critical accidents, fires and tampering from cameras taken round the city (the cameras are
    /// devices 6,000–8,999; device i is in area i mod 20), so every area gets its share of the storm.
    /// </summary>
    private static StoredReading[] WithStorm(StoredReading[] readings)
    {
        var every = (int)Math.Round(RuleCostRun.IngestRate / StormPerSecond);
        for (int n = every / 2, k = 0; n < readings.Length; n += every, k++)
        {
            readings[n] = new StoredReading
            {
                DeviceId = BenchCity.DeviceId(6_000 + (k * 7 % 3_000)), Kind = DeviceKind.Camera, Channel = DeviceChannel.Event,
                Ts = readings[n].Ts, Seq = readings[n].Seq, EventType = StormTypes[k / 3_000 % StormTypes.Length],
                Texts = new() { [CameraEventFields.Severity] = Severities.Critical },
            };
        }
        return readings;
    }

    /// <summary>Feeds each reading when its device time comes (device time = wall time since the start), ticking once a second.</summary>
    /// <returns>How far the feed fell behind real time at worst (a starved feed would inflate the commit lag).</returns>
    private static TimeSpan FeedInRealTime(RuleEngine engine, PacedClock clock, StoredReading[] readings, Stopwatch wall)
    {
        var late = TimeSpan.Zero;
        var nextTick = readings[0].Ts.AddSeconds(1);
        for (var n = 0; n < readings.Length; n++)
        {
            var reading = readings[n];
            if (n % 150 == 0)
            {
                // Every 10 ms of device time: wait until the wall clock has caught up with it. Pacing a real-time feed
                // on this dedicated feeder thread, not a fixed wait: how long is the measured lead, often zero.
                var due = reading.Ts - readings[0].Ts;
                var ahead = due - wall.Elapsed;
                if (ahead > TimeSpan.FromMilliseconds(1))
                    Thread.Sleep(ahead);
                else if (-ahead > late)
                    late = -ahead;
            }
            clock.Now = reading.Ts;
            engine.OnReading(reading, live: true);
            if (reading.Ts >= nextTick)
            {
                engine.Tick();
                nextTick = nextTick.AddSeconds(1);
            }
        }
        return late;
    }

    private static async Task<(long Incidents, long Summaries, long Filed, long Grouped, long Occurrences)> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE NOT is_storm_summary),
                   count(*) FILTER (WHERE is_storm_summary),
                   count(*) FILTER (WHERE parent_id IN (SELECT id FROM incidents WHERE is_storm_summary)),
                   count(*) FILTER (WHERE parent_id IN (SELECT id FROM incidents WHERE NOT is_storm_summary)),
                   coalesce(sum(occurrences) FILTER (WHERE NOT is_storm_summary), 0)
            FROM incidents WHERE source_id <> 'warm-up'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class PacedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The real intake, timed: each raise's duration, and how long after its reading's device time it committed.</summary>
    private sealed class TimedSink(IIncidentSink inner, DateTimeOffset deviceStart) : IIncidentSink
    {
        private readonly List<double> _raises = [];
        private readonly List<double> _lags = [];
        private Stopwatch _wall = new();

        public int Clears { get; private set; }

        public void Started(Stopwatch wall) => _wall = wall;

        // One writer calls these, one at a time (RuleEffectsWriter's gate).
        public async Task RaiseAsync(IncidentSignal signal, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            await inner.RaiseAsync(signal, cancellationToken);
            _raises.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // Camera events raise at the reading's own time; a held threshold's signal is stamped when it began holding.
            if (signal.Category == IncidentCategories.Camera && signal.Type is "accident" or "fire" or "tamper")
                _lags.Add((_wall.Elapsed - (signal.At - deviceStart)).TotalMilliseconds);
        }

        public async Task ClearAsync(IncidentClear clear, CancellationToken cancellationToken)
        {
            await inner.ClearAsync(clear, cancellationToken);
            Clears++;
        }

        public double[] RaiseLatencies() => [.. _raises.Order()];

        public double[] CommitLags() => [.. _lags.Order()];
    }
}
