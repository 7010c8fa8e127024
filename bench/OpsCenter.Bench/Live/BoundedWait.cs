namespace OpsCenter.Bench.Live;

/// <summary>Waiting for a condition where running out of time is a result to report (a frame that never came), not an error.</summary>
public static class BoundedWait
{
    /// <returns>Whether the condition held before the timeout.</returns>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
                return false;
            await poll.WaitForNextTickAsync();
        }
        return true;
    }
}
