using System.Diagnostics;
using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// For profiling, not measuring: with <c>BENCH_PERF_DIR</c> set, Ingest's live run and its backlog drain are sampled with Linux
/// <c>perf record -g</c> (999 Hz) for 8 s, and Ingest is started with <c>DOTNET_PerfMapEnabled=1</c> (and W^X off, whose double-mapped code perf cannot name) so that perf can
/// name JIT-compiled methods. Read the result with <c>perf report -i FILE --no-children --sort dso,symbol</c>. perf
/// sees everything the process spends CPU on: managed code, the GC and the runtime, the kernel (sockets).
/// The CPU figures of a profiled round carry the sampler's cost.
/// </summary>
public sealed class PerfRecorder : IAsyncDisposable
{
    private readonly Process _sampler;

    private PerfRecorder(Process sampler) => _sampler = sampler;

    public static string? Folder => Environment.GetEnvironmentVariable("BENCH_PERF_DIR");

    public static async Task<PerfRecorder?> StartAsync(int pid, string name)
    {
        if (Folder is not { } folder)
            return null;
        Directory.CreateDirectory(folder);
        var info = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true };
        // BENCH_PERF_HZ: more samples for a short drain (default 999 Hz).
        var hertz = Environment.GetEnvironmentVariable("BENCH_PERF_HZ") ?? "999";
        foreach (var argument in new[] { "record", "-F", hertz, "-g", "-p", pid.ToString(CultureInfo.InvariantCulture),
                     "-o", Path.Combine(folder, name + ".perf.data"), "--", "sleep", "8" })
            info.ArgumentList.Add(argument);
        var sampler = Process.Start(info) ?? throw new InvalidOperationException("perf did not start");
        _ = sampler.StandardOutput.ReadToEndAsync();
        _ = sampler.StandardError.ReadToEndAsync();
        // perf needs a moment to attach; a profile only, so a fixed pause is good enough here.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return new PerfRecorder(sampler);
    }

    public async ValueTask DisposeAsync()
    {
        await _sampler.WaitForExitAsync();
        _sampler.Dispose();
    }
}
