using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>One figure measured several times: the median is what is reported, min–max is its spread.</summary>
public sealed record Figure(IReadOnlyList<double> Samples)
{
    public double Median => MedianOf(Samples);
    public double Min => Samples.Min();
    public double Max => Samples.Max();

    /// <summary>(max − min) / median: how far apart the runs were.</summary>
    public double Spread => Median == 0 ? 0 : (Max - Min) / Median;

    public string Describe(string format, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Median.ToString(format, CultureInfo.InvariantCulture)} {unit} (median of {Samples.Count}; {Min.ToString(format, CultureInfo.InvariantCulture)}–{Max.ToString(format, CultureInfo.InvariantCulture)}, spread {Spread:P0})");

    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("no values", nameof(values));
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
