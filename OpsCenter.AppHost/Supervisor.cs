namespace OpsCenter.AppHost;

/// <summary>
/// Keeps one child running: when it exits unexpectedly, says so and restarts it as <see cref="RestartBackoff"/> says,
/// until that gives up.
/// </summary>
internal sealed class Supervisor : IAsyncDisposable
{
    private readonly string _name;
    private readonly Func<CancellationToken, Task<Task<int>>> _start;
    private readonly Func<Task> _stop;
    private readonly RestartBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ConsoleLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _watch = Task.CompletedTask;

    /// <param name="start">Starts the child, returns once it is ready; the returned task completes when it exits.</param>
    /// <param name="stop">Stops the child if it runs.</param>
    /// <param name="time">Measures how long the child ran and waits out the back-off.</param>
    public Supervisor(string name, Func<CancellationToken, Task<Task<int>>> start, Func<Task> stop, RestartBackoff backoff,
        TimeProvider time, ConsoleLog log)
    {
        _name = name;
        _start = start;
        _stop = stop;
        _backoff = backoff;
        _time = time;
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
        var startedAt = _time.GetTimestamp();
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
            if (_backoff.Next(restarts, _time.GetElapsedTime(startedAt)) is not { } attempt)
            {
                _log.Error($"{_name} exited (code {exitCode}) after {_backoff.MaxRestarts} restarts; giving up on it. See its log file.");
                return;
            }
            restarts = attempt.Number;
            _log.Error($"{_name} exited unexpectedly (code {exitCode}); restarting in {attempt.Delay.TotalSeconds:0.###} s " +
                       $"(attempt {attempt.Number} of {_backoff.MaxRestarts})");
            try
            {
                await Task.Delay(attempt.Delay, _time, _stopping.Token);
                startedAt = _time.GetTimestamp();
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
