using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Rules;

namespace OpsCenter.Bench.Rules;

/// <summary>
/// The rule engine's cost per stored reading, in process: 200 rules, 10,000 devices, readings stamped at the ingest
/// benchmark's full rate but fed as fast as one thread can. The effects queue is drained on the same thread into
/// counters (a counting stand-in for <c>IIncidentSink</c> and the state table), so the figure is the engine's own work
/// plus a dequeue, with no PostgreSQL behind it.
/// </summary>
internal static class RuleCostRun
{
    /// <summary>Ingest's end-to-end rate in docs/benchmarks.md (embedded broker, ~14,000–15,700 msg/s).</summary>
    public const double IngestRate = 15_000;

    public static IEnumerable<string> Measure(int readingCount)
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.FromHours(7));
        var clock = new BenchClock(start);
        var effects = new RuleEffects();
        var engine = new RuleEngine(effects, new DeviceDirectory(BenchCity.Create()), clock, NullLogger<RuleEngine>.Instance);
        engine.Load(BenchRuleSet.Create(), []);
        // Built before measuring: generating readings is Ingest's cost, not the engine's.
        var readings = BenchCity.Readings(readingCount, IngestRate, start);
        var counts = new EffectCounts();

        // Warm-up on a copy of the city's first seconds, so JIT tiering is not billed to the rules.
        Feed(engine, effects, clock, BenchCity.Readings(20_000, IngestRate, start.AddDays(-1)), counts);
        counts = new EffectCounts();

        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        var livenessChanges = Feed(engine, effects, clock, readings, counts);
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var messages = readings.Length + livenessChanges;
        var cpuMicros = cpu.TotalMicroseconds / messages;
        yield return $"rules: {engine.Rules.Count} rules, {BenchCity.Devices:N0} devices, {readings.Length:N0} readings + {livenessChanges:N0} liveness changes " +
            $"(device time {readings.Length / IngestRate:N0} s at {IngestRate:N0} msg/s, fed as fast as possible on one thread; sink = counting fake)";
        yield return $"rules: {messages / wall.Elapsed.TotalSeconds:N0} msg/s on one thread; process CPU {cpuMicros:N2} µs per message " +
            $"(all threads, GC included), wall {wall.Elapsed.TotalMicroseconds / messages:N2} µs; allocated {allocated / (double)messages:N0} B per message; gen0 GCs {GC.CollectionCount(0) - gcBefore}";
        yield return $"rules: at {IngestRate:N0} msg/s that is {cpuMicros * IngestRate / 1e6:P1} of one core";
        yield return $"rules: effects {counts.Raises:N0} raises, {counts.Clears:N0} clears, {counts.StatesSaved:N0} state saves, {counts.StatesForgotten:N0} state forgets";
    }

    /// <summary>Feeds the readings as the consumer would, with the host's once-a-second tick and a camera going down and up now and then.</summary>
    private static int Feed(RuleEngine engine, RuleEffects effects, BenchClock clock, StoredReading[] readings, EffectCounts counts)
    {
        var liveness = 0;
        var nextTick = readings[0].Ts.AddSeconds(1);
        for (var n = 0; n < readings.Length; n++)
        {
            var reading = readings[n];
            clock.Now = reading.Ts;
            engine.OnReading(reading, live: true);
            if (n % 1_000 == 0)
            {
                // A camera in the 6,000–9,000 block: offline now, back a while later, so offline rules hold states.
                var camera = BenchCity.DeviceId(6_000 + (n / 1_000 % 3_000));
                engine.OnLiveness(new DeviceLivenessChanged
                {
                    DeviceId = camera, Kind = "camera", State = (n / 1_000) % 2 == 0 ? DeviceStates.Offline : DeviceStates.Online,
                    At = reading.Ts, Reason = LivenessReasons.Status,
                });
                liveness++;
            }
            if (reading.Ts >= nextTick)
            {
                engine.Tick();
                nextTick = nextTick.AddSeconds(1);
            }
            if (n % 256 == 0)
                counts.Drain(effects);
        }
        counts.Drain(effects);
        return liveness;
    }

    private sealed class BenchClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The counting fake behind the effects queue: what <c>RuleEffectsWriter</c> would hand on, counted, not written.</summary>
    private sealed class EffectCounts
    {
        public long Raises { get; private set; }
        public long Clears { get; private set; }
        public long StatesSaved { get; private set; }
        public long StatesForgotten { get; private set; }

        public void Drain(RuleEffects effects)
        {
            while (effects.Reader.TryRead(out var effect))
            {
                switch (effect)
                {
                    case RaiseEffect: Raises++; break;
                    case ClearEffect: Clears++; break;
                    case StateSaved: StatesSaved++; break;
                    case StateForgotten: StatesForgotten++; break;
                }
            }
        }
    }
}
