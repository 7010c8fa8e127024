namespace OpsCenter.Bench.Measuring;

/// <summary>
/// Tells a stalled run from an ordinary one. A throughput figure on a shared machine varies by tens of percent from
/// run to run; one that is less than half (or more than twice) the median of the other runs of the same figure did
/// not measure the thing — a broker-only baseline of 411 msg/s among 17–20k ones once made a ratio read 3,064 %.
/// </summary>
public static class StallCheck
{
    /// <summary>How far from the others' median a run may land before it is called stalled.</summary>
    public const double Factor = 2;

    /// <summary>
    /// For each sample, whether it stalled: outside [median / <see cref="Factor"/>, median × <see cref="Factor"/>] of the
    /// steady samples. The median is taken again without the stalled ones until nothing changes, so that several stalls
    /// cannot drag it down and make a steady run look far above. Needs three samples to judge; with fewer, nothing is
    /// flagged yet (the caller runs more).
    /// </summary>
    public static bool[] Stalled(IReadOnlyList<double> samples)
    {
        var steady = Enumerable.Repeat(true, samples.Count).ToArray();
        if (samples.Count < 3)
            return new bool[samples.Count];
        for (var pass = 0; pass < samples.Count; pass++)
        {
            var reference = Figure.MedianOf(samples.Where((_, i) => steady[i]));
            var next = samples.Select(s => s >= reference / Factor && s <= reference * Factor).ToArray();
            if (next.SequenceEqual(steady) || !next.Contains(true))
                break;
            steady = next;
        }
        return [.. steady.Select(s => !s)];
    }
}
