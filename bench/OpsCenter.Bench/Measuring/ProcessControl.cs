using System.Diagnostics;
using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>Signals and CPU affinity for the processes under measurement, through the system's own tools.</summary>
public static class ProcessControl
{
    /// <summary>Freezes a consumer so that the broker holds a backlog for its session (SIGSTOP).</summary>
    public static Task SuspendAsync(int pid) => RunAsync("kill", "-STOP", pid.ToString(CultureInfo.InvariantCulture));

    public static Task ResumeAsync(int pid) => RunAsync("kill", "-CONT", pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Pins every thread of a process (and the threads it starts later) to the given CPUs, e.g. "0" or "0,1".</summary>
    public static Task PinAsync(int pid, string cpus) => RunAsync("taskset", "-a", "-cp", cpus, pid.ToString(CultureInfo.InvariantCulture));

    public static string AllCpus => string.Join(',', Enumerable.Range(0, Environment.ProcessorCount));

    private static readonly TimeSpan ToolLimit = TimeSpan.FromMinutes(5);

    private static Task RunAsync(string tool, params string[] arguments) => RunToolAsync(tool, arguments);

    /// <summary>
    /// Runs a tool to its end (killed with its children after five minutes) and returns what it wrote to standard error;
    /// a non-zero exit fails unless <paramref name="anyExitCode"/>.
    /// </summary>
    public static async Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, bool anyExitCode = false)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ToolLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {ToolLimit.TotalMinutes} minutes: {await error}");
        }
        await output;
        if (!anyExitCode && process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {await error}");
        return await error;
    }
}
