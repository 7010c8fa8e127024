namespace OpsCenter.Tests.Shared;

/// <summary>
/// Waits for a condition instead of sleeping a fixed time: fast when things are fast, patient when slow. On timeout
/// it throws with what it waited for and the last value seen, so a failure explains itself. No xunit here: the bench
/// compiles these helpers too.
/// </summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        // Starts short so in-process conditions (a counter, a broker) are seen within milliseconds.
        var delay = TimeSpan.FromMilliseconds(20);
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                if (done(last))
                    return last;
                lastError = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException)
            {
                lastError = ex;
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}{(lastError is null ? "" : $"; last error: {lastError.Message}")}");
    }

    public static Task True(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Get(condition, ok => ok, timeout, what);

    /// <summary>For conditions on in-memory state (a counter, a received list).</summary>
    public static Task True(Func<bool> condition, TimeSpan timeout, string what) =>
        Get(() => Task.FromResult(condition()), ok => ok, timeout, what);
}
