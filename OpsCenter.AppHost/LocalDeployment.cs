using OpsCenter.LocalServices;

namespace OpsCenter.AppHost;

/// <summary>
/// Everything the run command starts, in dependency order: InfluxDB, PostgreSQL, the MQTT broker, the
/// Server, Ingest, the simulator. Disposing stops them in reverse order.
/// </summary>
internal sealed class LocalDeployment(AppHostOptions options, string repoRoot, ConsoleLog log) : IAsyncDisposable
{
    public const int InfluxPort = 18086;
    public const int PostgresPort = 55432;
    public const int ServerPort = 5080;
    public const int IngestPort = 5081;
    public const int BrokerPort = 1883;
    public const int BrokerHttpPort = 5082;
    public const int SimulatorSnapshotPort = 5083;

    private readonly Stack<IAsyncDisposable> _started = new();

    public static Uri WallUrl => new($"http://127.0.0.1:{ServerPort}/wall");

    public DemoSecrets Secrets { get; } = new(options.DataDirectory);

    /// <summary>The simulator program, for the banner's example scenario.</summary>
    public string Simulator => ServiceCatalog.SimulatorAssembly(repoRoot);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        await RequireFreePortsAsync(cancellationToken);

        var influx = new InfluxDbServer(Infrastructure("influxdb", InfluxPort));
        await SuperviseAsync(Supervise("influxdb", StartServer(influx), influx.StopAsync), influx, mustStart: true, cancellationToken);
        var postgres = new PostgresServer(new LocalServerOptions
        {
            DataDirectory = PostgresFolder.Choose(options.DataDirectory, log),
            Port = PostgresPort,
            OnOutputLine = log.For("postgres"),
        });
        await SuperviseAsync(Supervise("postgres", StartServer(postgres), postgres.StopAsync), postgres, mustStart: true, cancellationToken);

        var simulatorDll = new ServiceCatalog(repoRoot, options.DataDirectory, postgres.ConnectionString, Secrets, "").Simulator;
        var inventory = await CityScale.InventoryAsync(repoRoot, options.DataDirectory, options.Scale, simulatorDll, log, cancellationToken);
        var services = new ServiceCatalog(repoRoot, options.DataDirectory, postgres.ConnectionString, Secrets, inventory);
        await SuperviseAsync(Service("broker", services.Broker, services.BrokerEnvironment, [], BrokerHttpPort), cancellationToken);
        await SuperviseAsync(Service("server", services.Server, services.ServerEnvironment, [], ServerPort), cancellationToken);
        await new DemoAccounts(Secrets, new Uri($"http://127.0.0.1:{ServerPort}/"), log).EnsureAsync(cancellationToken);
        await SuperviseAsync(Service("ingest", services.Ingest, services.IngestEnvironment, [], IngestPort), cancellationToken);
        if (options.StartSimulator)
        {
            await SuperviseAsync(Service("simulator", services.Simulator, new Dictionary<string, string?>(),
                services.SimulatorArguments, alivePort: null), cancellationToken);
            // A week of a district or a whole city is hours of publishing: only the demo city gets its history.
            if (options.Scale == CityScale.Demo)
            {
                var backfill = new HistoryBackfill(services.Simulator, options.DataDirectory, inventory, log);
                _started.Push(backfill);
                await backfill.StartAsync(cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stopping InfluxDB must not look like a crash to its supervisor while the services are still being stopped.
        foreach (var supervisor in _started.OfType<Supervisor>())
        {
            await supervisor.StopWatchingAsync();
        }
        while (_started.TryPop(out var child))
        {
            await child.DisposeAsync();
        }
        log.Info("everything stopped");
    }

    private LocalServerOptions Infrastructure(string name, int port) => new()
    {
        DataDirectory = Path.Combine(options.DataDirectory, name),
        Port = port,
        OnOutputLine = log.For(name),
    };

    private static Func<CancellationToken, Task<Task<int>>> StartServer(LocalServer server) => async cancellationToken =>
    {
        await server.StartAsync(cancellationToken);
        return server.Exited!;
    };

    private Supervisor Service(string name, string assembly, IReadOnlyDictionary<string, string?> environment,
        IReadOnlyList<string> arguments, int? alivePort)
    {
        var alive = alivePort is { } port ? new Uri($"http://127.0.0.1:{port}/alive") : null;
        var logFile = Path.Combine(options.DataDirectory, "logs", $"{name}.log");
        var service = new DotnetService(name, assembly, arguments, environment, alive, logFile, log);
        return Supervise(name, service.StartAsync, service.StopAsync);
    }

    private Supervisor Supervise(string name, Func<CancellationToken, Task<Task<int>>> start, Func<Task> stop) =>
        new(name, start, stop, RestartBackoff.Default, TimeProvider.System, log);

    private async Task SuperviseAsync(Supervisor supervisor, CancellationToken cancellationToken) =>
        await SuperviseAsync(supervisor, owned: null, mustStart: false, cancellationToken);

    private async Task SuperviseAsync(Supervisor supervisor, IAsyncDisposable? owned, bool mustStart, CancellationToken cancellationToken)
    {
        if (owned is not null)
        {
            _started.Push(owned);
        }
        _started.Push(supervisor);
        await supervisor.StartAsync(mustStart, cancellationToken);
    }

    /// <summary>Fixed ports make the URLs predictable; say clearly when something else already holds one.</summary>
    private static async Task RequireFreePortsAsync(CancellationToken cancellationToken)
    {
        foreach (var (port, what) in new[] { (InfluxPort, "InfluxDB"), (PostgresPort, "PostgreSQL"), (ServerPort, "Server"),
                     (IngestPort, "Ingest"), (BrokerPort, "the MQTT broker"), (BrokerHttpPort, "the broker's health endpoint"), (SimulatorSnapshotPort, "the simulator's snapshots") })
        {
            if (await FreePort.AcceptsConnectionsAsync(port, cancellationToken))
            {
                throw new InvalidOperationException(
                    $"port {port} on 127.0.0.1 ({what}) is already in use: is another run going, or a system " +
                    "service (e.g. Debian's mosquitto on 1883) running? Stop it and try again.");
            }
        }
    }
}
