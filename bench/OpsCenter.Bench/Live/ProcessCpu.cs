using System.Globalization;

namespace OpsCenter.Bench.Live;

/// <summary>CPU time a process has used so far (user + system), from /proc/{pid}/stat.</summary>
public static class ProcessCpu
{
    /// <summary>
    /// Linux reports these times in USER_HZ ticks, which is 100 on every architecture .NET runs on (the kernel keeps it
    /// fixed for user space whatever its internal HZ), so there is no need to ask sysconf.
    /// </summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Used(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) may hold spaces and parentheses; the fields after its closing ')' start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }

    /// <summary>The 1-minute load average: whether other work shared the cores during a run.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}
