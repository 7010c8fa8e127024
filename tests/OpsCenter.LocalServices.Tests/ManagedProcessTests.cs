namespace OpsCenter.LocalServices.Tests;

public sealed class ManagedProcessTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("opscenter-process-test-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task StopAsync_ends_the_process_and_leaves_nothing_in_proc()
    {
        await using var child = await StartShellAsync("echo started; exec sleep 300");
        await child.WaitUntilAsync(() => Task.FromResult(child.OutputTail.Contains("started")), Timeout, Ct);

        await child.StopAsync(TimeSpan.FromSeconds(5));

        Assert.True(child.HasExited);
        Assert.False(ProcessTable.IsAlive(child.Pid));
    }

    [Fact]
    public async Task StopAsync_kills_a_process_that_ignores_SIGTERM_and_its_children()
    {
        await using var child = await StartShellAsync("trap '' TERM; sleep 300 & echo started; wait");
        await child.WaitUntilAsync(() => Task.FromResult(child.OutputTail.Contains("started")), Timeout, Ct);
        var grandchildren = ProcessTable.ChildrenOf(child.Pid);

        await child.StopAsync(TimeSpan.FromMilliseconds(300));

        Assert.NotEmpty(grandchildren);
        Assert.True(await ProcessTable.AllGoneAsync([child.Pid, .. grandchildren], Timeout));
    }

    [Fact]
    public async Task Kill_ends_the_process_and_its_children()
    {
        await using var child = await StartShellAsync("sleep 300 & echo started; wait");
        await child.WaitUntilAsync(() => Task.FromResult(child.OutputTail.Contains("started")), Timeout, Ct);
        var grandchildren = ProcessTable.ChildrenOf(child.Pid);

        child.Kill();
        await child.Exited.WaitAsync(Timeout, Ct);

        Assert.True(await ProcessTable.AllGoneAsync([child.Pid, .. grandchildren], Timeout));
    }

    [Fact]
    public async Task WaitUntilAsync_fails_fast_with_the_output_when_the_process_exits()
    {
        await using var child = await StartShellAsync("echo 'config error: no such file'; exit 3");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => child.WaitUntilAsync(() => Task.FromResult(false), TimeSpan.FromMinutes(5), Ct));

        Assert.Contains("code 3", error.Message);
        Assert.Contains("config error: no such file", error.Message);
    }

    [Fact]
    public async Task Output_goes_to_the_log_file()
    {
        await using (var child = await StartShellAsync("echo to-stdout; echo to-stderr >&2"))
        {
            await child.Exited.WaitAsync(Timeout, Ct);
        }

        var log = await File.ReadAllTextAsync(Path.Combine(_folder.FullName, "child.log"), Ct);
        Assert.Contains("to-stdout", log);
        Assert.Contains("to-stderr", log);
    }

    [Fact]
    public async Task Pid_is_the_programs_own_not_a_wrapper()
    {
        await using var child = await StartShellAsync("exec sleep 300");

        await child.WaitUntilAsync(
            async () => (await File.ReadAllTextAsync($"/proc/{child.Pid}/cmdline", Ct)).StartsWith("sleep\0300"), Timeout, Ct);
    }

    [Fact]
    public async Task DisposeAsync_stops_the_process()
    {
        var child = await StartShellAsync("exec sleep 300");

        await child.DisposeAsync();

        Assert.False(ProcessTable.IsAlive(child.Pid));
    }

    private Task<ManagedProcess> StartShellAsync(string script) => ManagedProcess.StartAsync(new ManagedProcessOptions
    {
        Name = "child",
        FileName = "/bin/sh",
        Arguments = ["-c", script],
        LogFile = Path.Combine(_folder.FullName, "child.log"),
    });
}
