using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// The .NET runtime's own totals as Ingest's /metrics shows them (bytes allocated, time paused by the GC, collections):
/// the difference over a drain says how much of its CPU went to allocating and collecting.
/// </summary>
public sealed record RuntimeCounters(double AllocatedBytes, double GcPauseSeconds, double Collections)
{
    public static RuntimeCounters Parse(string prometheusText)
    {
        double allocated = 0, pause = 0, collections = 0;
        foreach (var line in prometheusText.Split('\n'))
        {
            if (line.StartsWith('#'))
                continue;
            if (line.StartsWith("dotnet_gc_heap_total_allocated_bytes", StringComparison.Ordinal))
                allocated += Value(line);
            else if (line.StartsWith("dotnet_gc_pause_time_seconds", StringComparison.Ordinal))
                pause += Value(line);
            else if (line.StartsWith("dotnet_gc_collections", StringComparison.Ordinal))
                collections += Value(line);
        }
        return new RuntimeCounters(allocated, pause, collections);
    }

    public RuntimeCounters Since(RuntimeCounters earlier) =>
        new(AllocatedBytes - earlier.AllocatedBytes, GcPauseSeconds - earlier.GcPauseSeconds, Collections - earlier.Collections);

    // "name{labels} value [timestamp]"
    private static double Value(string line)
    {
        var afterLabels = line.LastIndexOf('}') is var brace and >= 0 ? line[(brace + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        return double.Parse(afterLabels.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
