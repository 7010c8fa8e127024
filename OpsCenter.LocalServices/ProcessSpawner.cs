using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpsCenter.LocalServices;

/// <summary>
/// Starts every child from one long-lived thread. Children run under <c>setpriv --pdeathsig KILL</c> so the kernel
/// kills them if this process dies without cleaning up (crash, SIGKILL); but the parent-death signal fires when the
/// *thread* that forked the child ends, and thread-pool threads come and go. This thread lives as long as the process.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];

    static ProcessSpawner()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "ManagedProcess spawner" };
        thread.Start();
    }

    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
