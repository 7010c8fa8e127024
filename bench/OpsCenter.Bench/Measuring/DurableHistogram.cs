using System.Globalization;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// Ingest's own receive → durable histogram (<c>opscenter.ingest.durable_latency</c>, ms) read from its Prometheus
/// text: cumulative counts per upper bound. The difference of two readings is what happened between them; its
/// percentiles are bucket upper bounds, so they say "at most".
/// </summary>
public sealed record DurableHistogram(IReadOnlyList<(double UpperBound, long Count)> Buckets)
{
    private const string Name = "opscenter_ingest_durable_latency";

    public long Total => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public static DurableHistogram Parse(string prometheusText)
    {
        var buckets = new List<(double, long)>();
        foreach (var line in prometheusText.Split('\n'))
        {
            if (!line.StartsWith(Name, StringComparison.Ordinal) || !line.Contains("_bucket{", StringComparison.Ordinal))
                continue;
            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var count = line[(line.IndexOf('}', le) + 2)..].Split(' ')[0];
            buckets.Add((bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture),
                long.Parse(count, CultureInfo.InvariantCulture)));
        }
        return new DurableHistogram([.. buckets.OrderBy(b => b.Item1)]);
    }

    public DurableHistogram Since(DurableHistogram earlier) =>
        new([.. Buckets.Select(b => (b.UpperBound, b.Count - (earlier.Buckets.FirstOrDefault(e => e.UpperBound == b.UpperBound).Count)))]);

    /// <summary>The smallest upper bound under which at least <paramref name="p"/> of the samples fall.</summary>
    public double Percentile(double p)
    {
        var wanted = (long)Math.Ceiling(p * Total);
        foreach (var (bound, count) in Buckets)
        {
            if (count >= wanted)
                return bound;
        }
        return double.PositiveInfinity;
    }
}
