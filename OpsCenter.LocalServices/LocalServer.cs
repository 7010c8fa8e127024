namespace OpsCenter.LocalServices;

/// <summary>
/// A real server process on 127.0.0.1 with its own data folder. Can be stopped (or killed) and started again on the
/// same folder and port, which is how tests simulate an outage.
/// </summary>
public abstract class LocalServer : IAsyncDisposable
{
    private readonly LocalServerOptions _options;
    private readonly bool _ownsDataDirectory;
    private ManagedProcess? _process;

    protected LocalServer(string name, LocalServerOptions options)
    {
        Name = name;
        _options = options;
        Port = options.Port ?? FreePort.Next();
        if (options.DataDirectory is { } folder)
        {
            DataDirectory = Directory.CreateDirectory(Path.GetFullPath(folder)).FullName;
        }
        else
        {
            DataDirectory = Directory.CreateTempSubdirectory($"opscenter-{name}-").FullName;
            _ownsDataDirectory = true;
            // Temp folders are 0700; servers that run as their own user (postgres) must be able to enter it.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(DataDirectory, (UnixFileMode)0b111_101_101);
            }
        }
    }

    public string Name { get; }

    public int Port { get; }

    public string DataDirectory { get; }

    /// <summary>True when the data folder is a temp folder deleted on dispose: nothing in it needs to survive a power cut.</summary>
    public bool IsThrowaway => _ownsDataDirectory;

    public string LogFile => Path.Combine(DataDirectory, $"{Name}.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>PID of the server process while it runs.</summary>
    public int? Pid => _process?.Pid;

    /// <summary>Completes when the current server process ends; null when none was started.</summary>
    public Task<int>? Exited => _process?.Exited;

    /// <summary>Starts the server and returns once it answers. Does nothing if it already runs.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        await ForgetProcessAsync();
        if (await FreePort.AcceptsConnectionsAsync(Port, cancellationToken))
        {
            throw new InvalidOperationException(
                $"{Name}: port {Port} on 127.0.0.1 is already in use (is another run still going?).");
        }
        await PrepareAsync(cancellationToken);
        _process = await ManagedProcess.StartAsync(CreateProcessOptions(LogFile, _options.OnOutputLine));
        try
        {
            await _process.WaitUntilAsync(() => IsReadyAsync(cancellationToken), _options.StartTimeout, cancellationToken);
            await OnReadyAsync(cancellationToken);
        }
        catch
        {
            await ForgetProcessAsync();
            throw;
        }
    }

    /// <summary>Stops the server politely (SIGKILL after the grace period); the data folder stays.</summary>
    public Task StopAsync() => ForgetProcessAsync();

    /// <summary>SIGKILL, as in a crash. <see cref="StartAsync"/> may follow.</summary>
    public void Kill() => _process?.Kill();

    public async ValueTask DisposeAsync()
    {
        await ForgetProcessAsync();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing a test run over.
            }
        }
        GC.SuppressFinalize(this);
    }

    protected static async Task<TServer> StartOrDisposeAsync<TServer>(TServer server, CancellationToken cancellationToken)
        where TServer : LocalServer
    {
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes configuration, initialises the data folder: whatever must exist before the process starts.</summary>
    protected abstract Task PrepareAsync(CancellationToken cancellationToken);

    protected abstract ManagedProcessOptions CreateProcessOptions(string logFile, Action<string>? onOutputLine);

    protected abstract Task<bool> IsReadyAsync(CancellationToken cancellationToken);

    /// <summary>One-time setup that needs the running server (e.g. create the database).</summary>
    protected virtual Task OnReadyAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ForgetProcessAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync(_options.StopGrace);
            await process.DisposeAsync();
        }
    }
}
