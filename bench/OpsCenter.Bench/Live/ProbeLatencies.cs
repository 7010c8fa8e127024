namespace OpsCenter.Bench.Live;

/// <summary>
/// Ties what a client saw of the probe to the flip that caused it. The view's <c>since</c> is when Ingest received
/// the status (Unix ms, same machine clock as the publish), so the flip is the last one of that state published no
/// later than it; flips 300 ms apart with alternating states cannot be confused.
/// </summary>
public static class ProbeLatencies
{
    /// <summary>The index of the flip a (since, state) pair shows, or -1 when it shows none of them (e.g. the state before the run).</summary>
    public static int Match(IReadOnlyList<ProbeTrial> trials, long since, string state)
    {
        for (var i = trials.Count - 1; i >= 0; i--)
        {
            // +1: since is whole milliseconds, the publish time is not.
            if (trials[i].State == state && trials[i].PublishedAtMs <= since + 1)
                return i;
        }
        return -1;
    }

    /// <summary>Publish → receive per flip for one client: the first time it saw each flip (a resync may show it again).</summary>
    public static Dictionary<int, double> PerTrial(IReadOnlyList<ProbeTrial> trials, IEnumerable<(long Since, string State, double ReceivedAtMs)> seen)
    {
        var latencies = new Dictionary<int, double>();
        foreach (var (since, state, receivedAt) in seen)
        {
            var trial = Match(trials, since, state);
            if (trial >= 0)
                latencies.TryAdd(trial, receivedAt - trials[trial].PublishedAtMs);
        }
        return latencies;
    }

    /// <summary>
    /// Publish → Ingest per flip: <c>since</c> is when Ingest took the status in, so this splits the path into the part
    /// before the Server (broker, Ingest's queue behind the load) and the part after it (Server, hub, client).
    /// </summary>
    public static List<double> Upstream(IReadOnlyList<ProbeTrial> trials, IEnumerable<(long Since, string State, double ReceivedAtMs)> seen)
    {
        var upstream = new Dictionary<int, double>();
        foreach (var (since, state, _) in seen)
        {
            var trial = Match(trials, since, state);
            if (trial >= 0)
                upstream.TryAdd(trial, since - trials[trial].PublishedAtMs);
        }
        return [.. upstream.Values];
    }

    /// <summary>Nearest-rank percentile of unsorted values; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
