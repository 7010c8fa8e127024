using System.Diagnostics;
using System.Globalization;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench;

/// <summary>
/// The simulator's own ceiling: <c>opscenter-sim load</c> asked for far more than a broker takes, so what it achieves is
/// the highest publish rate it reaches against that broker (QoS 1, 256-byte payloads, 4 connections).
/// </summary>
public static class SimulatorLoadRun
{
    public static async Task<string> MeasureAsync(BrokerUnderTest broker, int rate = 200_000, string duration = "10s")
    {
        var simulator = RepoPaths.ServiceDll(Path.Combine("simulators", "OpsCenter.Simulators"), "opscenter-sim");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { simulator, "load", "--host", "127.0.0.1", "--port", broker.Port.ToString(CultureInfo.InvariantCulture),
                     "--rate", rate.ToString(CultureInfo.InvariantCulture), "--duration", duration, "--qos", "1", "--size", "256", "--devices", "100", "--connections", "4" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var summary = (await output).Split('\n').Where(l => l.Contains("sent", StringComparison.OrdinalIgnoreCase) || l.Contains("rate", StringComparison.OrdinalIgnoreCase));
        return string.Join(" | ", summary.Select(l => l.Trim())) + (process.ExitCode == 0 ? "" : $" (exit {process.ExitCode}: {(await errors).Trim()})");
    }
}
