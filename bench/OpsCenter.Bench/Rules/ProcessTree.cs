using System.Diagnostics;
using System.Globalization;

namespace OpsCenter.Bench.Rules;

/// <summary>The harness's PostgreSQL as processes: its CPU time (postmaster and backends), and making sure it ends.</summary>
internal static class ProcessTree
{
    /// <summary>Linux's USER_HZ: /proc/*/stat counts CPU in ticks of 1/100 s.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>
    /// User + system time of the process and its children that are alive now (PostgreSQL's backends are children of
    /// the postmaster; a pooled connection's backend lives through the run, so the difference of two readings is the
    /// run's). Zero where /proc is not there.
    /// </summary>
    public static TimeSpan CpuTime(int? pid)
    {
        if (pid is null || !Directory.Exists("/proc"))
            return TimeSpan.Zero;
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the command name "(…)": state ppid … utime(14) stime(15), counted from pid = 1.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (candidate == pid || parent == pid)
                    ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The harness's PostgreSQL must not outlive the run; if the polite stop left it, it is ended by its own id.</summary>
    public static void StopIfStillRunning(int? pid)
    {
        if (pid is null)
            return;
        try
        {
            using var process = Process.GetProcessById(pid.Value);
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone: the stop worked.
        }
    }
}
