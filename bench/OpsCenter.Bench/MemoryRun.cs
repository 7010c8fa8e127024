using System.Globalization;
using OpsCenter.Bench.Live;
using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench;

/// <summary>Ingest's resident set with 50,000 registered detectors after each has reported three times; three runs, each a fresh Ingest.</summary>
internal static class MemoryRun
{
    private const int Devices = 50_000;
    private const double TargetMegabytes = 300;

    public static async Task<IReadOnlyList<string>> MeasureAsync(int runs = 3)
    {
        var peaks = new List<double>();
        var idles = new List<double>();
        var startUps = new List<double>();
        var startUpCpus = new List<double>();
        var loads = new List<string>();
        for (var run = 0; run < runs; run++)
        {
            loads.Add(ProcessCpu.LoadAverage());
            await using var broker = await BrokerUnderTest.StartAsync("embedded");
            await using var rig = await IngestRig.StartAsync(broker, Devices, "bench-memory");
            idles.Add(rig.ResidentMegabytes());
            startUps.Add(rig.StartUp.TotalSeconds);
            startUpCpus.Add(rig.StartUpCpu.TotalSeconds);
            await new LoadPublisher(broker.Port, rig.Detectors).RunAsync(Devices * 3); // every device reports three times
            await rig.WaitUntilStoredAsync(Devices * 3, TimeSpan.FromMinutes(5));
            peaks.Add(rig.ResidentMegabytes());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  memory run {run + 1}: {peaks[^1]:N0} MB (load {loads[^1]})"));
            await HeapSnapshot.TakeAsync(rig.Ingest.Pid!.Value, $"ingest-memory-{run + 1}");
        }
        var rss = new Figure(peaks);
        return
        [
            $"memory: Ingest RSS with {Devices:N0} registered devices, all reporting: {rss.Describe("N0", "MB")}; each run {string.Join(", ", peaks.Select(p => p.ToString("N0", CultureInfo.InvariantCulture)))} MB " +
            $"(after start-up {new Figure(idles).Describe("N0", "MB")}, reached in {new Figure(startUps).Describe("N1", "s")} using {new Figure(startUpCpus).Describe("N1", "s")} of CPU; target ≤ {TargetMegabytes:N0} MB: {(rss.Max <= TargetMegabytes ? "met" : "MISSED")} by the highest run; load before each run {string.Join(" | ", loads)})",
        ];
    }
}
