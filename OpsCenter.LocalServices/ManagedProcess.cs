using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpsCenter.LocalServices;

/// <summary>
/// A child process that cannot outlive us: stopped on dispose, killed when this process exits, and killed by the
/// kernel (parent-death signal) if this process dies abruptly.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ManagedProcess, byte> Running = new();
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly ManagedProcessOptions _options;
    private readonly OutputLog _log;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ManagedProcess()
    {
        // Normal exits and SIGTERM to the test host or the run command still take the children down with them.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Running.Keys)
            {
                child.Kill();
            }
        };
    }

    private ManagedProcess(ManagedProcessOptions options, Process process, OutputLog log)
    {
        _options = options;
        _process = process;
        _log = log;
    }

    public string Name => _options.Name;

    public int Pid { get; private set; }

    public string LogFile => _options.LogFile;

    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Completes with the exit code when the process ends, for whatever reason.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The last ~50 lines of output, for error messages.</summary>
    public string OutputTail => _log.Tail();

    public static async Task<ManagedProcess> StartAsync(ManagedProcessOptions options)
    {
        var info = ChildStartInfo.For(options);
        var log = new OutputLog(options.LogFile, options.OnOutputLine);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ManagedProcess(options, process, log);
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.Exited += (_, _) => child.OnExited();
        try
        {
            await ProcessSpawner.StartAsync(process);
        }
        catch
        {
            log.Dispose();
            process.Dispose();
            throw;
        }
        child.Pid = process.Id;
        Running.TryAdd(child, 0);
        if (child.HasExited)
        {
            Running.TryRemove(child, out _); // it exited before we registered it
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Polls <paramref name="ready"/> until it returns true. Fails at once, with the output tail, if the process exits,
    /// and with a <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited)
            {
                await DrainOutputAsync();
                throw new InvalidOperationException(
                    $"{Name} exited with code {_exited.Task.Result} before it was ready. Last output:\n{OutputTail}");
            }
            if (await IsReadyAsync(ready, cancellationToken))
            {
                return;
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} was not ready after {timeout.TotalSeconds:0} s. Last output:\n{OutputTail}");
            }
            await Task.WhenAny(_exited.Task, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Sends the stop signal, then SIGKILL (whole tree) if the process is still there after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            _ = NativeMethods.Kill(Pid, (int)_options.StopSignal);
            if (!await ExitsWithinAsync(grace))
            {
                Kill();
            }
        }
        await ExitsWithinAsync(TimeSpan.FromSeconds(10));
        await DrainOutputAsync();
    }

    /// <summary>SIGKILL to the process and its descendants, without waiting: a crash, as far as the child can tell.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        Running.TryRemove(this, out _);
        _process.Dispose();
        _log.Dispose();
    }

    /// <summary>The Exited event can come before the last output lines; give them a moment to land in the log.</summary>
    private async Task DrainOutputAsync()
    {
        if (HasExited)
        {
            await Task.WhenAny(_process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(1)));
        }
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout) =>
        await Task.WhenAny(_exited.Task, Task.Delay(timeout)) == _exited.Task;

    private void OnExited()
    {
        Running.TryRemove(this, out _);
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }
        _exited.TrySetResult(code);
    }

    private static async Task<bool> IsReadyAsync(Func<Task<bool>> ready, CancellationToken cancellationToken)
    {
        try
        {
            return await ready();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not listening yet, connection refused, half-started: all mean "not ready", and we poll again.
            return false;
        }
    }
}
