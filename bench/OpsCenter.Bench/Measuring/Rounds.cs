namespace OpsCenter.Bench.Measuring;

/// <summary>The rounds of one measurement: those kept for the figures and those flagged as stalled (shown, never used).</summary>
public sealed record RoundsResult<T>(IReadOnlyList<T> Kept, IReadOnlyList<T> Stalled, int Wanted)
{
    /// <summary>Enough steady rounds for a median: otherwise the figures are reported as not measured.</summary>
    public bool IsComplete => Kept.Count >= Wanted;

    public Figure Figure(Func<T, double> of) => new([.. Kept.Select(of)]);
}

/// <summary>
/// Runs a measurement round after round until <c>wanted</c> of them are steady: a round is stalled when any of its key
/// figures (the rates a ratio is built from) is stalled among the same figure of the other rounds
/// (<see cref="StallCheck"/>). A stalled round is repeated, up to <c>maxRounds</c> in all.
/// </summary>
public static class Rounds
{
    public static async Task<RoundsResult<T>> RunAsync<T>(Func<int, Task<T>> round, Func<T, IReadOnlyList<double>> keyFigures,
        int wanted = 3, int maxRounds = 6, Action<T, bool>? onRound = null)
    {
        var done = new List<T>();
        while (true)
        {
            var result = await round(done.Count + 1);
            done.Add(result);
            var stalled = Classify(done, keyFigures);
            onRound?.Invoke(result, stalled[^1]);
            var kept = stalled.Count(s => !s);
            if (kept >= wanted || done.Count >= maxRounds)
                return new RoundsResult<T>([.. done.Where((_, i) => !stalled[i])], [.. done.Where((_, i) => stalled[i])], wanted);
        }
    }

    /// <summary>For each round, whether any of its key figures stalled among the other rounds'.</summary>
    public static bool[] Classify<T>(IReadOnlyList<T> rounds, Func<T, IReadOnlyList<double>> keyFigures)
    {
        var stalled = new bool[rounds.Count];
        if (rounds.Count == 0)
            return stalled;
        var figures = rounds.Select(keyFigures).ToArray();
        for (var k = 0; k < figures[0].Count; k++)
        {
            var column = StallCheck.Stalled([.. figures.Select(f => f[k])]);
            for (var i = 0; i < rounds.Count; i++)
                stalled[i] |= column[i];
        }
        return stalled;
    }
}
