namespace OpsCenter.Simulators.Reporting;

/// <summary>
/// A one-line status to stderr every few seconds, so stdout stays clean for the final summary
/// (and for piping into other tools). When stderr is not a terminal (a log file, the run command's console) a line a
/// minute is enough.
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressDisplay(RunStats stats, Func<string>? extra = null, TimeSpan? every = null, TextWriter? output = null)
    {
        var writer = output ?? Console.Error;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every ?? (Console.IsErrorRedirected ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(2)));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await writer.WriteLineAsync($"[progress] {stats.Line()}{(extra is null ? "" : " | " + extra())}");
            }
            catch (OperationCanceledException)
            {
                // Stopped by DisposeAsync.
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
