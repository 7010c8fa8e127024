using System.Globalization;
using OpsCenter.Bench.Live;
using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench;

/// <summary>One round on one broker: the ceiling, the floor, Ingest end to end, both draining the same backlog, the tail.</summary>
internal sealed record IngestRound(
    int Number, string LoadBefore, BrokerOnlyResult BrokerOnly, DrainResult? SubscriberDrain, double? SubscriberDrainAllocated,
    DrainResult? BufferedSubscriberDrain, ThroughputResult Throughput,
    DrainResult? IngestDrain, RuntimeCounters? IngestDrainRuntime, LatencyResult? Latency, DurableHistogram? InProcess)
{
    public double Ratio => Throughput.MessagesPerSecond / BrokerOnly.MessagesPerSecond;
    public IReadOnlyList<double> KeyFigures => [BrokerOnly.MessagesPerSecond, Throughput.MessagesPerSecond];
}

/// <summary>
/// The ingest mode: per broker, rounds until three are steady (a stalled one is flagged and repeated, see
/// <see cref="Rounds"/>); then the same throughput rounds with Ingest and InfluxDB on one core and the publisher and
/// broker on the other. Every figure is the median of the kept rounds with its spread.
/// </summary>
internal static class IngestBenchmark
{
    /// <summary>Large enough to measure the drain; the <c>backlog</c> mode measures larger ones.</summary>
    private const int MaxBacklog = 50_000;
    private const long WarmUpSeqOffset = 300_000;
    private const long BacklogSeqOffset = 500_000;
    private const string IngestCpus = "1";
    private const string PublisherCpus = "0";

    public static async Task<IReadOnlyList<string>> RunAsync(BenchOptions options)
    {
        var report = new List<string>();
        foreach (var kind in options.Brokers)
        {
            var rounds = await Rounds.RunAsync(n => RoundAsync(kind, n, options.Messages, pinned: false), r => r.KeyFigures,
                onRound: (r, stalled) => Progress(kind, r, stalled));
            report.AddRange(Describe(kind, rounds, pinned: false));
            if (Environment.ProcessorCount >= 2)
            {
                var pinned = await Rounds.RunAsync(n => RoundAsync(kind, n, options.Messages, pinned: true), r => r.KeyFigures,
                    onRound: (r, stalled) => Progress(kind + " pinned", r, stalled));
                report.AddRange(Describe(kind, pinned, pinned: true));
            }
        }
        return report;
    }

    private static async Task<IngestRound> RoundAsync(string kind, int number, int messages, bool pinned)
    {
        var load = ProcessCpu.LoadAverage();
        // The rig's own detectors, so that the broker-only run publishes exactly the messages Ingest gets.
        var devices = IngestRig.DetectorIds(20);
        var backlog = Math.Min(messages, MaxBacklog);
        var logs = Directory.CreateTempSubdirectory("opscenter-bench-sub-").FullName;
        try
        {
            BrokerOnlyResult brokerOnly;
            DrainResult? subscriberDrain = null;
            double? subscriberAllocated = null;
            await using (var broker = await BrokerUnderTest.StartAsync(kind))
            await using (var subscriber = await BareSubscriber.StartAsync(broker, "bench-bare-subscriber", logs))
            {
                if (pinned)
                    await PinAsync(broker, [subscriber.Pid]);
                try
                {
                    await BrokerOnlyRun.WarmUpAsync(broker, subscriber, devices, IngestRuns.WarmUpCount(messages));
                    brokerOnly = await BrokerOnlyRun.MeasureAsync(broker, subscriber, devices, messages);
                    if (!pinned)
                    {
                        // The first drain warms up (the JIT's tier-1 code for the drain's paths); the second is measured.
                        foreach (var offset in new[] { WarmUpSeqOffset, BacklogSeqOffset })
                        {
                            var target = subscriber.Acked + backlog;
                            var allocatedBefore = subscriber.Allocated;
                            subscriberDrain = await BacklogDrain.MeasureAsync(subscriber.Pid, broker, devices, backlog, offset,
                                () => subscriber.WaitAckedAsync(target, TimeSpan.FromMinutes(5)));
                            subscriberAllocated = (double)(subscriber.Allocated - allocatedBefore) / backlog;
                        }
                    }
                }
                finally
                {
                    if (pinned)
                        await ProcessControl.PinAsync(Environment.ProcessId, ProcessControl.AllCpus);
                }
            }

            // The same bare subscriber reading through Ingest's read buffer: how much of the gap that change alone closes.
            DrainResult? bufferedDrain = null;
            if (!pinned)
            {
                await using var broker = await BrokerUnderTest.StartAsync(kind);
                await using var subscriber = await BareSubscriber.StartAsync(broker, "bench-bare-buffered", logs, buffered: true);
                foreach (var offset in new[] { WarmUpSeqOffset, BacklogSeqOffset })
                {
                    var target = subscriber.Acked + backlog;
                    bufferedDrain = await BacklogDrain.MeasureAsync(subscriber.Pid, broker, devices, backlog, offset,
                        () => subscriber.WaitAckedAsync(target, TimeSpan.FromMinutes(5)));
                }
            }

            await using (var broker = await BrokerUnderTest.StartAsync(kind))
            await using (var rig = await IngestRig.StartAsync(broker, 20, "bench-ingest"))
            {
                if (pinned)
                    await PinAsync(broker, [.. rig.Processes().Select(p => p.Pid!.Value)]);
                try
                {
                    await IngestRuns.WarmUpAsync(broker, rig, IngestRuns.WarmUpCount(messages));
                    ThroughputResult throughput;
                    await using (await PerfRecorder.StartAsync(rig.Ingest.Pid!.Value, $"ingest-live-{kind}{(pinned ? "-pinned" : "")}-{number}"))
                        throughput = await IngestRuns.ThroughputAsync(broker, rig, messages);
                    if (pinned)
                        return new IngestRound(number, load, brokerOnly, null, null, null, throughput, null, null, null, null);

                    // As for the bare subscriber: a warm-up drain, then the measured one (profiled when asked).
                    await DrainIngestAsync(broker, rig, backlog, WarmUpSeqOffset);
                    DrainResult ingestDrain;
                    var runtimeBefore = await rig.RuntimeCountersAsync();
                    await using (await PerfRecorder.StartAsync(rig.Ingest.Pid!.Value, $"ingest-drain-{kind}-{number}"))
                        ingestDrain = await DrainIngestAsync(broker, rig, backlog, BacklogSeqOffset);
                    var runtime = (await rig.RuntimeCountersAsync()).Since(runtimeBefore);
                    var before = await rig.DurableHistogramAsync();
                    var rate = brokerOnly.MessagesPerSecond / 2;
                    var latency = await IngestRuns.LatencyAsync(broker, rig, (int)Math.Min(rate * 10, messages), rate);
                    var inProcess = (await rig.DurableHistogramAsync()).Since(before);
                    return new IngestRound(number, load, brokerOnly, subscriberDrain, subscriberAllocated, bufferedDrain, throughput, ingestDrain, runtime, latency, inProcess);
                }
                finally
                {
                    if (pinned)
                        await ProcessControl.PinAsync(Environment.ProcessId, ProcessControl.AllCpus);
                }
            }
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }

    private static async Task<DrainResult> DrainIngestAsync(BrokerUnderTest broker, IngestRig rig, int backlog, long seqOffset)
    {
        var stored = await rig.StoredAsync();
        return await BacklogDrain.MeasureAsync(rig.Ingest.Pid!.Value, broker, rig.Detectors, backlog, seqOffset,
            () => rig.WaitUntilStoredAsync(stored + backlog, TimeSpan.FromMinutes(5)));
    }

    /// <summary>The publisher (this process) and the broker on one core; the consumers on the other.</summary>
    private static async Task PinAsync(BrokerUnderTest broker, IEnumerable<int> consumers)
    {
        await ProcessControl.PinAsync(Environment.ProcessId, PublisherCpus);
        if (broker.Pid is { } brokerPid)
            await ProcessControl.PinAsync(brokerPid, PublisherCpus);
        foreach (var pid in consumers)
            await ProcessControl.PinAsync(pid, IngestCpus);
    }

    private static void Progress(string kind, IngestRound r, bool stalled)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"  {kind} round {r.Number}{(stalled ? " (STALLED, repeated)" : "")}: load {r.LoadBefore}; broker-only {r.BrokerOnly.MessagesPerSecond:N0} msg/s, ingest {r.Throughput.MessagesPerSecond:N0} msg/s ({r.Ratio:P0})");
        if (r.SubscriberDrain is { } s && r.IngestDrain is { } i)
            line += string.Create(CultureInfo.InvariantCulture, $"; backlog CPU/msg bare {s.CpuMicrosPerMessage:N1} µs ({r.SubscriberDrainAllocated:N0} B/msg), bare + read buffer {r.BufferedSubscriberDrain!.CpuMicrosPerMessage:N1} µs, Ingest {i.CpuMicrosPerMessage:N1} µs ({r.IngestDrainRuntime!.AllocatedBytes / i.Messages:N0} B allocated/msg, GC paused {r.IngestDrainRuntime.GcPauseSeconds * 1000:N0} ms, {r.IngestDrainRuntime.Collections:N0} collections)");
        if (r.Latency is { } l)
            line += string.Create(CultureInfo.InvariantCulture, $"; p99 {l.P99Ms:N0} ms");
        Console.WriteLine(line);
    }

    private static IEnumerable<string> Describe(string kind, RoundsResult<IngestRound> rounds, bool pinned)
    {
        var name = pinned ? $"{kind}, pinned (taskset: publisher + broker on CPU {PublisherCpus}, Ingest + InfluxDB / bare subscriber on CPU {IngestCpus})" : kind;
        var lines = new List<string>();
        foreach (var r in rounds.Stalled)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name}: round {r.Number} STALLED and left out (load {r.LoadBefore}): broker-only {r.BrokerOnly.MessagesPerSecond:N0} msg/s, ingest {r.Throughput.MessagesPerSecond:N0} msg/s"));
        if (!rounds.IsComplete)
        {
            lines.Add($"{name}: NOT MEASURED — only {rounds.Kept.Count} of {rounds.Wanted} rounds were steady; no ratio is reported");
            return lines;
        }

        var ratio = rounds.Figure(r => r.Ratio);
        lines.Add($"{name}: load average before each round: {string.Join(" | ", rounds.Kept.Select(r => r.LoadBefore))}");
        lines.Add($"{name}: broker-only {rounds.Figure(r => r.BrokerOnly.MessagesPerSecond).Describe("N0", "msg/s")}");
        lines.Add($"{name}: ingest end-to-end {rounds.Figure(r => r.Throughput.MessagesPerSecond).Describe("N0", "msg/s")}; loss {string.Join(", ", rounds.Kept.Select(r => r.Throughput.Sent - r.Throughput.Stored))}");
        lines.Add($"{name}: ingest / broker-only {ratio.Describe("P0", "of broker-only")} (target ≥ 80 %: {(ratio.Median >= 0.8 ? "met" : "MISSED")})");
        lines.Add($"{name}: live CPU per message — bare subscriber {rounds.Figure(r => r.BrokerOnly.SubscriberCpuMicrosPerMessage).Describe("N1", "µs")}; " +
            $"Ingest {rounds.Figure(r => r.Throughput.IngestCpuMicrosPerMessage).Describe("N1", "µs")}");
        lines.Add($"{name}: cores used, broker-only run: {Cores(rounds.Kept, r => (r.BrokerOnly.Cpu, r.BrokerOnly.Elapsed))}; ingest run: {Cores(rounds.Kept, r => (r.Throughput.Cpu, r.Throughput.Elapsed))}");
        if (pinned)
            return lines;

        var bare = rounds.Figure(r => r.SubscriberDrain!.CpuMicrosPerMessage);
        var ingest = rounds.Figure(r => r.IngestDrain!.CpuMicrosPerMessage);
        var cpuRatio = rounds.Figure(r => r.IngestDrain!.CpuMicrosPerMessage / r.SubscriberDrain!.CpuMicrosPerMessage);
        lines.Add($"{name}: backlog of {rounds.Kept[0].IngestDrain!.Messages:N0} drained — CPU per message: bare subscriber {bare.Describe("N1", "µs")}, Ingest {ingest.Describe("N1", "µs")}; " +
            $"Ingest / bare {cpuRatio.Describe("N2", "×")} (target ≤ 1.25×: {(cpuRatio.Median <= 1.25 ? "met" : "MISSED")}); drain rate bare {rounds.Figure(r => r.SubscriberDrain!.MessagesPerSecond).Describe("N0", "msg/s")}, Ingest {rounds.Figure(r => r.IngestDrain!.MessagesPerSecond).Describe("N0", "msg/s")}");
        var buffered = rounds.Figure(r => r.BufferedSubscriberDrain!.CpuMicrosPerMessage);
        lines.Add($"{name}: bare subscriber reading through Ingest's 64 KiB read buffer: CPU per message {buffered.Describe("N1", "µs")}; Ingest / that {rounds.Figure(r => r.IngestDrain!.CpuMicrosPerMessage / r.BufferedSubscriberDrain!.CpuMicrosPerMessage).Describe("N2", "×")}");
        lines.Add($"{name}: bare subscriber during the measured drain: allocated {rounds.Figure(r => r.SubscriberDrainAllocated!.Value).Describe("N0", "B/msg")}");
        lines.Add($"{name}: Ingest during the measured drain: allocated {rounds.Figure(r => r.IngestDrainRuntime!.AllocatedBytes / r.IngestDrain!.Messages).Describe("N0", "B/msg")}, " +
            $"GC paused {rounds.Figure(r => r.IngestDrainRuntime!.GcPauseSeconds * 1e6 / r.IngestDrain!.Messages).Describe("N2", "µs/msg")}, collections {rounds.Figure(r => r.IngestDrainRuntime!.Collections).Describe("N0", "")}");
        var p99 = rounds.Figure(r => r.Latency!.P99Ms);
        lines.Add($"{name}: publish→durable at half broker-only ({rounds.Figure(r => r.Latency!.RatePerSecond).Describe("N0", "msg/s")}): p50 {rounds.Figure(r => r.Latency!.P50Ms).Describe("N1", "ms")}, " +
            $"p99 {p99.Describe("N1", "ms")}, max {rounds.Figure(r => r.Latency!.MaxMs).Describe("N0", "ms")} (target p99 ≤ 100 ms: {(p99.Median <= 100 ? "met" : "MISSED")}); announced {string.Join(", ", rounds.Kept.Select(r => $"{r.Latency!.Samples:N0}"))}");
        lines.Add($"{name}: of which inside Ingest (receive → durable, its own histogram; bucket upper bounds): p50 ≤ {rounds.Figure(r => r.InProcess!.Percentile(0.5)).Describe("N0", "ms")}, " +
            $"p99 ≤ {rounds.Figure(r => r.InProcess!.Percentile(0.99)).Describe("N0", "ms")}");
        return lines;
    }

    /// <summary>Each process's CPU over a run divided by the run's wall time (median over the rounds).</summary>
    private static string Cores(IReadOnlyList<IngestRound> rounds, Func<IngestRound, (IReadOnlyDictionary<string, TimeSpan> Cpu, TimeSpan Elapsed)> of) =>
        string.Join(", ", of(rounds[0]).Cpu.Keys.Select(process =>
            string.Create(CultureInfo.InvariantCulture, $"{process} {Figure.MedianOf(rounds.Select(r => of(r).Cpu[process] / of(r).Elapsed)):N2}")));
}
