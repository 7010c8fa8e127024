using System.Collections.Concurrent;
using OpsCenter.LocalServices;

namespace OpsCenter.AppHost.Tests.Support;

/// <summary>A real child process running a shell script, started and stopped the way the launcher's services are.</summary>
internal sealed class ShellChild(string script, string folder)
{
    private readonly ConcurrentQueue<ManagedProcess> _started = new();
    private ManagedProcess? _current;

    /// <summary>Every process started so far, oldest first.</summary>
    public IReadOnlyList<ManagedProcess> Started => [.. _started];

    public async Task<Task<int>> StartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        var process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = "child",
            FileName = "/bin/sh",
            Arguments = ["-c", script],
            LogFile = Path.Combine(folder, "child.log"),
        });
        _current = process;
        _started.Enqueue(process);
        return process.Exited;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _current, null) is { } process)
        {
            await process.DisposeAsync();
        }
    }
}
