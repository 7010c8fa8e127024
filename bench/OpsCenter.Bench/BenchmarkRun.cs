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
            $"Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average at the start: {Live.ProcessCpu.LoadAverage()}; messages per run: {options.Messages}; QoS 1; ~230-byte traffic telemetry; 4 publisher connections × 64 in flight",
        };

        if (options.Runs("ingest"))
            report.AddRange(await IngestBenchmark.RunAsync(options));

        if (options.Runs("latency"))
            report.AddRange(await LatencyBenchmark.RunAsync(options));

        if (options.Runs("backlog"))
            report.AddRange(await BacklogRecoveryRun.RunAsync(options));

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
            report.AddRange(await MemoryRun.MeasureAsync());
        }

        if (options.Runs("rules"))
        {
            report.AddRange(Rules.RuleCostRun.Measure(options.Messages));
            report.AddRange(await Rules.StormRun.MeasureAsync());
            report.AddRange(await Rules.RuleIntakeRun.MeasureAsync(options.Messages));
        }

        if (options.Runs("report"))
            report.AddRange(await Reports.ReportRun.MeasureAsync(options.Trials));

        if (options.Runs("rollups"))
            report.AddRange(await Rollups.RollupRun.MeasureAsync());

        if (options.Runs("dashboard"))
            report.AddRange(await Dashboard.DashboardRun.MeasureAsync(options));

        if (options.Runs("live"))
            report.AddRange(await Live.LiveBenchmark.RunAsync(options));

        report.Add($"Finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average at the end: {Live.ProcessCpu.LoadAverage()}");
        foreach (var line in report)
            Console.WriteLine("- " + line);
        return 0;
    }
}
