namespace OpsCenter.Simulators.Tests.Support;

/// <summary>Waits for a condition instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);
}
