using System.Diagnostics;
using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// For finding out, not measuring: with <c>BENCH_GCDUMP_DIR</c> set, the memory mode takes a heap snapshot of Ingest at
/// its peak with <c>dotnet-gcdump</c> (<c>dotnet tool install -g dotnet-gcdump</c>). Read it with
/// <c>dotnet-gcdump report FILE</c>: the types that hold the managed heap. The snapshot forces a full collection, so it
/// is taken after the resident set was read.
/// </summary>
public static class HeapSnapshot
{
    public static async Task TakeAsync(int pid, string name)
    {
        var folder = Environment.GetEnvironmentVariable("BENCH_GCDUMP_DIR");
        if (string.IsNullOrEmpty(folder))
            return;
        Directory.CreateDirectory(folder);
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var info = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(folder, name + ".gcdump") })
            info.ArgumentList.Add(argument);
        using var dump = Process.Start(info) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        var output = dump.StandardOutput.ReadToEndAsync();
        var errors = dump.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await dump.WaitForExitAsync(limit.Token);
        Console.WriteLine($"  heap snapshot: {(await output).Trim()} {(await errors).Trim()}");
    }
}
