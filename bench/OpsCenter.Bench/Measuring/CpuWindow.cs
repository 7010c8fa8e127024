using OpsCenter.Bench.Live;

namespace OpsCenter.Bench.Measuring;

/// <summary>CPU time (user + system, from /proc) that a set of processes used between two moments.</summary>
public sealed class CpuWindow
{
    private readonly Dictionary<string, (int Pid, TimeSpan Start)> _processes = [];

    /// <summary>Starts counting now for each named process (those without a pid are left out).</summary>
    public static CpuWindow Start(IEnumerable<(string Name, int? Pid)> processes)
    {
        var window = new CpuWindow();
        foreach (var (name, pid) in processes)
        {
            if (pid is { } id)
                window._processes[name] = (id, ProcessCpu.Used(id));
        }
        return window;
    }

    public IReadOnlyDictionary<string, TimeSpan> Stop() =>
        _processes.ToDictionary(p => p.Key, p => ProcessCpu.Used(p.Value.Pid) - p.Value.Start);
}
