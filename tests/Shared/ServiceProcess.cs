using OpsCenter.LocalServices;

namespace OpsCenter.Tests.Shared;

/// <summary>An OpsCenter service (Ingest, Server) run as a real process from its build output, on a free loopback port.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _project;
    private readonly Dictionary<string, string?> _environment;
    private readonly string _logFolder;
    private ManagedProcess? _process;

    public ServiceProcess(string project, IDictionary<string, string?> environment, string logFolder)
    {
        _project = project;
        Port = FreePort.Next();
        _logFolder = logFolder;
        // Workstation GC unless the caller says otherwise: many services share a test machine's memory.
        _environment = new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0" };
        foreach (var (key, value) in environment)
            _environment[key] = value;
        _environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        _environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public HttpClient Http { get; }
    public int? Pid => _process?.Pid;
    public string OutputTail => _process?.OutputTail ?? "";
    public string? LogFile => _process?.LogFile;

    /// <summary>Starts the service, or starts it again (same port and settings) after <see cref="Kill"/> or a stop.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { } previous)
        {
            _process = null;
            await previous.DisposeAsync();
        }
        var dll = RepoPaths.ServiceDll(_project);
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build the solution ({RepoPaths.Configuration}) first.");
        _process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = Path.GetFileName(_project),
            FileName = MissingPrerequisiteException.RequireOnPath("dotnet", ".NET SDK"),
            Arguments = [dll],
            WorkingDirectory = RepoPaths.Root,
            LogFile = Path.Combine(_logFolder, $"{Path.GetFileName(_project)}-{Port}-{DateTime.UtcNow:HHmmssfff}.log"),
            Environment = _environment,
        });
        await _process.WaitUntilAsync(AliveAsync, timeout ?? TimeSpan.FromSeconds(60));
    }

    public async Task<bool> AliveAsync()
    {
        try
        {
            using var response = await Http.GetAsync("alive");
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task<(int Status, string Body)> HealthAsync()
    {
        using var response = await Http.GetAsync("health");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>SIGKILL, as in a crash.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>Completes when the current process ends; null when none was started.</summary>
    public Task<int>? Exited => _process?.Exited;

    public async Task StopAsync()
    {
        if (_process is not null)
            await _process.StopAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        Http.Dispose();
    }
}
