using OpsCenter.AppHost.Tests.Support;
using OpsCenter.LocalServices.Tests;
using OpsCenter.Tests.Shared;

namespace OpsCenter.AppHost.Tests;

public sealed class SupervisorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(1);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("opscenter-supervisor-test-");
    private readonly LogRecorder _log = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_crashing_child_is_restarted_as_new_processes_until_the_backoff_gives_up()
    {
        var child = new ShellChild("exit 1", _folder.FullName);
        await using var supervisor = Supervise(child, new RestartBackoff([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], Healthy));

        await supervisor.StartAsync(mustStart: true, Ct);
        await Eventually.True(() => Task.FromResult(_log.ToString().Contains("giving up")), Timeout, "the supervisor to give up");

        Assert.Equal(4, child.Started.Count);
        Assert.Equal(4, child.Started.Select(process => process.Pid).Distinct().Count());
        Assert.All(child.Started, process => Assert.Equal(1, process.Exited.Result));
        Assert.Contains("attempt 3 of 3", _log.ToString());
    }

    [Fact]
    public async Task A_killed_child_is_restarted_and_the_restarted_process_is_stopped_on_dispose()
    {
        var child = new ShellChild("exec sleep 300", _folder.FullName);
        var supervisor = Supervise(child, new RestartBackoff([TimeSpan.Zero], Healthy));
        await supervisor.StartAsync(mustStart: true, Ct);
        var first = child.Started.Single();

        first.Kill();
        await Eventually.True(() => Task.FromResult(child.Started.Count == 2), Timeout, "the child to be restarted");
        var second = child.Started[1];
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.True(ProcessTable.IsAlive(second.Pid));

        await supervisor.DisposeAsync();

        Assert.True(await ProcessTable.AllGoneAsync([first.Pid, second.Pid], Timeout));
        Assert.Equal(2, child.Started.Count);
    }

    [Fact]
    public async Task Stopping_while_waiting_out_the_backoff_cancels_the_restart()
    {
        var child = new ShellChild("exit 1", _folder.FullName);
        var supervisor = Supervise(child, new RestartBackoff([TimeSpan.FromHours(1)], Healthy));
        await supervisor.StartAsync(mustStart: true, Ct);
        await Eventually.True(() => Task.FromResult(_log.ToString().Contains("restarting in 3600 s")), Timeout, "the back-off to begin");

        await supervisor.DisposeAsync().AsTask().WaitAsync(Timeout, Ct);

        Assert.Single(child.Started);
    }

    [Fact]
    public async Task Each_restart_waits_the_next_delay_and_a_healthy_run_starts_the_series_again()
    {
        var clock = new InstantClock();
        var starts = 0;
        // The second run lasts two minutes (healthy); the others crash at once.
        Task<Task<int>> Start(CancellationToken _)
        {
            if (Interlocked.Increment(ref starts) == 2)
            {
                clock.Advance(TimeSpan.FromMinutes(2));
            }
            return Task.FromResult(Task.FromResult(1));
        }
        var backoff = new RestartBackoff([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], Healthy);
        await using var supervisor = new Supervisor("fake", Start, () => Task.CompletedTask, backoff, clock, _log.Log);

        await supervisor.StartAsync(mustStart: true, Ct);
        await Eventually.True(() => Task.FromResult(_log.ToString().Contains("giving up")), Timeout, "the supervisor to give up");

        Assert.Equal([1, 1, 2], clock.Waits.Select(wait => wait.TotalSeconds));
        Assert.Equal(4, starts);
    }

    private Supervisor Supervise(ShellChild child, RestartBackoff backoff) =>
        new("child", child.StartAsync, child.StopAsync, backoff, TimeProvider.System, _log.Log);
}
