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
    /// For each sample, whether it stalled: compared with the median of all the other samples, so it needs at least
    /// two others to judge by; with fewer, nothing is flagged yet (the caller runs more).
    /// </summary>
    public static bool[] Stalled(IReadOnlyList<double> samples)
    {
        var stalled = new bool[samples.Count];
        if (samples.Count < 3)
            return stalled;
        for (var i = 0; i < samples.Count; i++)
        {
            var others = Figure.MedianOf(samples.Where((_, j) => j != i));
            stalled[i] = samples[i] < others / Factor || samples[i] > others * Factor;
        }
        return stalled;
    }
}
