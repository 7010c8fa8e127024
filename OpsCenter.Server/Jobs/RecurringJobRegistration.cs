namespace OpsCenter.Server.Jobs;

/// <summary>
/// Registers recurring jobs at start-up without letting a stale lock stop the Server. Hangfire takes a distributed lock
/// per recurring job to add or update it; a Server killed while its scheduler held one leaves the lock in PostgreSQL
/// until it times out (minutes), and every restart until then would crash in <c>AddOrUpdate</c> (found by the
/// fault suite: SIGKILL, restart, exit 134). The jobs' definitions from the earlier start are still in place, so the
/// Server starts and registers again in the background until it gets the lock. A bad cron (ArgumentException) still
/// fails the start at once.
/// </summary>
internal static partial class RecurringJobRegistration
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    public static void Register(string what, Action register, IHostApplicationLifetime lifetime, ILogger logger)
    {
        try
        {
            register();
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            LogDeferred(logger, what, ex.Message);
            _ = RetryAsync(what, register, lifetime.ApplicationStopping, logger);
        }
    }

    private static async Task RetryAsync(string what, Action register, CancellationToken stopping, ILogger logger)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RetryEvery, stopping);
                try
                {
                    register();
                    LogRegistered(logger, what);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogDeferred(logger, what, ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The Server stops: nothing left to register.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the {What} jobs yet ({Error}); their earlier definitions stand, trying again in 5 s")]
    private static partial void LogDeferred(ILogger logger, string what, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the {What} jobs")]
    private static partial void LogRegistered(ILogger logger, string what);
}
