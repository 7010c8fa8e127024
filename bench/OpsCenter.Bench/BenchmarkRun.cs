using System.Runtime.InteropServices;

namespace OpsCenter.Bench;

/// <summary>One benchmark run: the parts the options ask for, then the report, one line per figure.</summary>
internal static class BenchmarkRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var report = new List<string>
        {
            $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            $"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; messages per run: {options.Messages}; QoS 1; ~230-byte traffic telemetry; 4 publisher connections × 64 in flight",
        };

        if (options.Runs("ingest"))
        {
            foreach (var kind in options.Brokers)
            {
                double brokerRate;
                await using (var broker = await BrokerUnderTest.StartAsync(kind))
                    brokerRate = await BrokerOnlyRun.MeasureAsync(broker, Detectors(20), options.Messages);

                await using (var broker = await BrokerUnderTest.StartAsync(kind))
                await using (var rig = await IngestRig.StartAsync(broker, 20, "bench-ingest"))
                {
                    var throughput = await IngestRuns.ThroughputAsync(broker, rig, options.Messages);
                    var share = throughput.MessagesPerSecond / brokerRate;
                    report.Add($"{kind}: broker-only {brokerRate:N0} msg/s; ingest end-to-end {throughput.MessagesPerSecond:N0} msg/s = {share:P0} of broker-only " +
                        $"(target ≥ 80 %: {(share >= 0.8 ? "met" : "MISSED")}); stored {throughput.Stored}/{throughput.Sent} (loss {throughput.Sent - throughput.Stored})");

                    foreach (var (rate, what) in new[] { (brokerRate / 2, "half broker-only"), (throughput.MessagesPerSecond / 2, "half of ingest's sustained rate") })
                    {
                        var latencyMessages = (int)Math.Min(rate * 15, options.Messages); // ~15 s at that rate
                        var latency = await IngestRuns.LatencyAsync(broker, rig, latencyMessages, rate);
                        report.Add($"{kind}: publish→durable at {latency.RatePerSecond:N0} msg/s ({what}): p50 {latency.P50Ms:N1} ms, p99 {latency.P99Ms:N1} ms, " +
                            $"max {latency.MaxMs:N1} ms over {latency.Samples}/{latencyMessages} announced (target p99 ≤ 100 ms: {(latency.P99Ms <= 100 ? "met" : "MISSED")})");
                    }
                }
            }
        }

        if (options.Runs("simulator"))
        {
            foreach (var kind in options.Brokers)
            {
                await using var broker = await BrokerUnderTest.StartAsync(kind);
                report.Add($"{kind}: opscenter-sim load ceiling (asked 200,000 msg/s for 10 s): {await SimulatorLoadRun.MeasureAsync(broker)}");
            }
        }

        if (options.Runs("memory"))
        {
            const int devices = 50_000;
            await using var broker = await BrokerUnderTest.StartAsync("embedded");
            await using var rig = await IngestRig.StartAsync(broker, devices, "bench-memory");
            var idle = rig.ResidentMegabytes();
            var publisher = new LoadPublisher(broker.Port, rig.Detectors);
            await publisher.RunAsync(devices * 3); // every device reports three times
            await rig.WaitUntilStoredAsync(devices * 3, TimeSpan.FromMinutes(5));
            var rss = rig.ResidentMegabytes();
            report.Add($"memory: Ingest RSS with {devices:N0} registered devices, all reporting: {rss:N0} MB (after start-up {idle:N0} MB; target ≤ 300 MB: {(rss <= 300 ? "met" : "MISSED")})");
        }

        if (options.Runs("rules"))
        {
            report.AddRange(Rules.RuleCostRun.Measure(options.Messages));
            report.AddRange(await Rules.StormRun.MeasureAsync());
        }

        if (options.Runs("report"))
            report.AddRange(await Reports.ReportRun.MeasureAsync(options.Trials));

        if (options.Runs("rollups"))
            report.AddRange(await Rollups.RollupRun.MeasureAsync());

        if (options.Runs("live"))
            report.AddRange(await Live.LiveBenchmark.RunAsync(options));

        foreach (var line in report)
            Console.WriteLine("- " + line);
        return 0;
    }

    private static IReadOnlyList<string> Detectors(int n) => Enumerable.Range(1, n).Select(i => $"tfd-bench-{i:D3}").ToList();
}
