using System.Globalization;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Live;

/// <summary>
/// <c>opscenter-sim load</c> as a process: valid telemetry at a fixed rate through the broker under the simulator
/// account, so Ingest stores it and the Server's views change all the time, as in a busy city. It is asked for an hour
/// and stopped (by its PID) when the benchmark is done, so its length never decides how long a step may take.
/// </summary>
public sealed class BackgroundLoad : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private BackgroundLoad(ManagedProcess process) => _process = process;

    public int Pid => _process.Pid;

    public string OutputTail => _process.OutputTail;

    /// <param name="devices">The first this many devices of the inventory report (the probe is left out of them).</param>
    public static async Task<BackgroundLoad> StartAsync(WholeSystem rig, double rate, int devices)
    {
        var simulator = RepoPaths.ServiceDll(Path.Combine("simulators", "OpsCenter.Simulators"), "opscenter-sim");
        var process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = "opscenter-sim-load",
            FileName = MissingPrerequisiteException.RequireOnPath("dotnet", ".NET SDK"),
            Arguments =
            [
                simulator, "load", "--host", "127.0.0.1", "--port", rig.BrokerPort.ToString(CultureInfo.InvariantCulture),
                "--username", "opscenter-simulator", "--password", rig.ServiceSecret("opscenter-simulator"),
                "--inventory", rig.InventoryPath, "--rate", rate.ToString(CultureInfo.InvariantCulture), "--duration", "1h",
                "--qos", "1", "--size", "256", "--devices", devices.ToString(CultureInfo.InvariantCulture), "--connections", "4",
            ],
            WorkingDirectory = RepoPaths.Root,
            LogFile = Path.Combine(rig.Folder, "opscenter-sim-load.log"),
            Environment = new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0" },
        });
        return new BackgroundLoad(process);
    }

    /// <summary>The simulator's last progress line (it prints one a second): what rate it actually holds.</summary>
    public string LastProgress() =>
        OutputTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
