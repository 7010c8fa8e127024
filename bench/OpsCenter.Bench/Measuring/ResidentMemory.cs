using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>A process's resident memory (<c>VmRSS</c>) from /proc.</summary>
public static class ResidentMemory
{
    public static double Megabytes(int pid)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024; // kB → MB
    }
}
