using System.Globalization;
using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench;

/// <summary>One latency round: the ceiling it is paced against, the whole path, the part inside Ingest and its GC meanwhile.</summary>
internal sealed record LatencyRound(int Number, string LoadBefore, double BrokerOnlyRate, LatencyResult Latency, DurableHistogram InProcess, RuntimeCounters Runtime)
{
    public IReadOnlyList<double> KeyFigures => [BrokerOnlyRate];
}

/// <summary>
/// The <c>latency</c> mode: only the tail of the ingest mode, for working on it. Per round, the broker-only rate with the
/// bare subscriber, then a fresh Ingest warmed by one throughput run and paced at half that rate; the whole path, the part
/// inside Ingest (its receive → durable histogram) and Ingest's GC pauses during the paced run.
/// </summary>
internal static class LatencyBenchmark
{
    public static async Task<IReadOnlyList<string>> RunAsync(BenchOptions options)
    {
        var report = new List<string>();
        foreach (var kind in options.Brokers)
        {
            var rounds = await Rounds.RunAsync(n => RoundAsync(kind, n, options.Messages), r => r.KeyFigures,
                onRound: (r, stalled) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {kind} latency round {r.Number}{(stalled ? " (STALLED, repeated)" : "")}: load {r.LoadBefore}; paced {r.Latency.RatePerSecond:N0} msg/s; " +
                    $"p50 {r.Latency.P50Ms:N1} ms, p99 {r.Latency.P99Ms:N1} ms (slowest 1 % published at {r.Latency.TailPublishedAt} of {r.Latency.Samples / r.Latency.RatePerSecond:N0} s); inside Ingest p99 ≤ {r.InProcess.Percentile(0.99):N0} ms; GC paused {r.Runtime.GcPauseSeconds * 1000:N0} ms; bench GC {r.Latency.BenchGcPauseMs:N0} ms, longest bench stall {r.Latency.BenchLongestStallMs:N0} ms")));
            if (!rounds.IsComplete)
            {
                report.Add($"{kind} latency: NOT MEASURED — only {rounds.Kept.Count} of {rounds.Wanted} rounds were steady");
                continue;
            }
            var p99 = rounds.Figure(r => r.Latency.P99Ms);
            report.Add($"{kind} latency: load average before each round: {string.Join(" | ", rounds.Kept.Select(r => r.LoadBefore))}");
            var pace = PacedRate is null ? "half broker-only" : "a fixed pace (BENCH_LATENCY_RATE)";
            report.Add($"{kind} latency: broker-only {rounds.Figure(r => r.BrokerOnlyRate).Describe("N0", "msg/s")}");
            report.Add($"{kind} latency: publish→durable at {pace} ({rounds.Figure(r => r.Latency.RatePerSecond).Describe("N0", "msg/s")}): " +
                $"p50 {rounds.Figure(r => r.Latency.P50Ms).Describe("N1", "ms")}, p99 {p99.Describe("N1", "ms")}, max {rounds.Figure(r => r.Latency.MaxMs).Describe("N0", "ms")} " +
                $"(target p99 ≤ 100 ms: {(p99.Median <= 100 ? "met" : "MISSED")})");
            report.Add($"{kind} latency: inside Ingest (receive → durable): p50 ≤ {rounds.Figure(r => r.InProcess.Percentile(0.5)).Describe("N0", "ms")}, " +
                $"p99 ≤ {rounds.Figure(r => r.InProcess.Percentile(0.99)).Describe("N0", "ms")}; Ingest's GC paused {rounds.Figure(r => r.Runtime.GcPauseSeconds * 1000).Describe("N0", "ms")} " +
                $"in {rounds.Figure(r => r.Runtime.Collections).Describe("N0", "collections")} during the paced run");
        }
        return report;
    }

    private static double? PacedRate =>
        double.TryParse(Environment.GetEnvironmentVariable("BENCH_LATENCY_RATE"), CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : null;

    private static async Task<LatencyRound> RoundAsync(string kind, int number, int messages)
    {
        var load = Live.ProcessCpu.LoadAverage();
        var devices = IngestRig.DetectorIds(20);
        var logs = Directory.CreateTempSubdirectory("opscenter-bench-sub-").FullName;
        try
        {
            double brokerOnly;
            await using (var broker = await BrokerUnderTest.StartAsync(kind))
            await using (var subscriber = await BareSubscriber.StartAsync(broker, "bench-bare-subscriber", logs))
                brokerOnly = (await BrokerOnlyRun.MeasureAsync(broker, subscriber, devices, messages)).MessagesPerSecond;

            await using (var broker = await BrokerUnderTest.StartAsync(kind))
            await using (var rig = await IngestRig.StartAsync(broker, 20, "bench-ingest"))
            {
                await IngestRuns.ThroughputAsync(broker, rig, messages); // warm-up: the JIT's tier-1 code, InfluxDB's shards
                var histogramBefore = await rig.DurableHistogramAsync();
                var runtimeBefore = await rig.RuntimeCountersAsync();
                // BENCH_LATENCY_RATE paces every round at one rate instead, to compare brokers or builds at the same load.
                var rate = PacedRate ?? brokerOnly / 2;
                var latency = await IngestRuns.LatencyAsync(broker, rig, (int)Math.Min(rate * 10, messages), rate);
                return new LatencyRound(number, load, brokerOnly, latency, (await rig.DurableHistogramAsync()).Since(histogramBefore),
                    (await rig.RuntimeCountersAsync()).Since(runtimeBefore));
            }
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
