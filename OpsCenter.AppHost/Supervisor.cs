using System.Diagnostics;

namespace OpsCenter.AppHost;

/// <summary>
/// Keeps one child running: when it exits unexpectedly, says so and restarts it after 1, 2, 4, 8, 16 s. After five
/// failed restarts in a row it gives up (a crash loop needs a human, not a hot CPU).
/// </summary>
internal sealed class Supervisor : IAsyncDisposable
{
    private const int MaxRestarts = 5;
    // A child that ran this long before exiting was healthy; its next crash starts a fresh series of restarts.
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly string _name;
    private readonly Func<CancellationToken, Task<Task<int>>> _start;
    private readonly Func<Task> _stop;
    private readonly ConsoleLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _watch = Task.CompletedTask;

    /// <param name="start">Starts the child, returns once it is ready; the returned task completes when it exits.</param>
    /// <param name="stop">Stops the child if it runs.</param>
    public Supervisor(string name, Func<CancellationToken, Task<Task<int>>> start, Func<Task> stop, ConsoleLog log)
    {
        _name = name;
        _start = start;
        _stop = stop;
        _log = log;
    }

    /// <summary>Starts the child. With <paramref name="mustStart"/> a failure is thrown; otherwise it is retried.</summary>
    public async Task StartAsync(bool mustStart, CancellationToken cancellationToken)
    {
        Task<int> exited;
        try
        {
            exited = await _start(cancellationToken);
            _log.Info($"{_name} is up");
        }
        catch (Exception e) when (!mustStart && e is not OperationCanceledException)
        {
            _log.Error($"{_name} did not start: {e.Message}");
            exited = Task.FromResult(-1);
        }
        _watch = WatchAsync(exited);
    }

    /// <summary>From now on an exit is expected: no more restarts.</summary>
    public async Task StopWatchingAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }
        await _watch;
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync();
        await _stop();
        _stopping.Dispose();
    }

    private async Task WatchAsync(Task<int> exited)
    {
        var restarts = 0;
        var startedAt = Stopwatch.GetTimestamp();
        while (true)
        {
            int exitCode;
            try
            {
                exitCode = await exited.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Stopwatch.GetElapsedTime(startedAt) > StableAfter)
            {
                restarts = 0;
            }
            if (restarts == MaxRestarts)
            {
                _log.Error($"{_name} exited (code {exitCode}) after {MaxRestarts} restarts; giving up on it. See its log file.");
                return;
            }
            var delay = TimeSpan.FromSeconds(1 << restarts++);
            _log.Error($"{_name} exited unexpectedly (code {exitCode}); restarting in {delay.TotalSeconds:0} s " +
                       $"(attempt {restarts} of {MaxRestarts})");
            try
            {
                await Task.Delay(delay, _stopping.Token);
                startedAt = Stopwatch.GetTimestamp();
                exited = await _start(_stopping.Token);
                _log.Info($"{_name} is up again");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                _log.Error($"{_name} did not restart: {e.Message}");
                exited = Task.FromResult(-1);
            }
        }
    }
}
