namespace OpsCenter.AppHost;

/// <summary>
/// When a crashed child is restarted: after each delay of <see cref="Delays"/> in turn, then never again (a crash loop
/// needs a human, not a hot CPU). A child that ran <see cref="HealthyAfter"/> or longer was healthy: its next crash
/// starts a fresh series.
/// </summary>
internal sealed class RestartBackoff
{
    public RestartBackoff(IReadOnlyList<TimeSpan> delays, TimeSpan healthyAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(healthyAfter, TimeSpan.Zero);
        if (delays.Any(delay => delay < TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(delays), "a restart delay cannot be negative");
        }
        Delays = delays;
        HealthyAfter = healthyAfter;
    }

    /// <summary>1, 2, 4, 8, 16 s; a minute of running counts as healthy.</summary>
    public static RestartBackoff Default { get; } = new(
        [.. new[] { 1, 2, 4, 8, 16 }.Select(seconds => TimeSpan.FromSeconds(seconds))], TimeSpan.FromMinutes(1));

    public IReadOnlyList<TimeSpan> Delays { get; }

    public TimeSpan HealthyAfter { get; }

    public int MaxRestarts => Delays.Count;

    /// <summary>The next restart after a child exited, or null to give up on it.</summary>
    /// <param name="restartsInARow">Restarts since the child was last healthy (0 before the first crash).</param>
    /// <param name="ranFor">How long the child ran before it exited.</param>
    public RestartAttempt? Next(int restartsInARow, TimeSpan ranFor)
    {
        var previous = ranFor >= HealthyAfter ? 0 : restartsInARow;
        return previous < Delays.Count ? new RestartAttempt(previous + 1, Delays[previous]) : null;
    }
}

/// <param name="Number">1 for the first restart in a row, up to <see cref="RestartBackoff.MaxRestarts"/>.</param>
/// <param name="Delay">How long to wait before restarting.</param>
internal readonly record struct RestartAttempt(int Number, TimeSpan Delay);
