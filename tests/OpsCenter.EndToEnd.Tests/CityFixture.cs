using OpsCenter.LocalServices;
using OpsCenter.Simulators.Snapshots;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The whole system on loopback (<see cref="WholeSystem"/>: real influxd and PostgreSQL, the MQTT broker, the Server and
/// Ingest as processes) with a 20-camera-per-area city, the simulator's snapshot server, the demo socio-economic
/// figures, and one person per role.
/// </summary>
public sealed class CityFixture : IAsyncLifetime
{
    public const string AdminName = WholeSystem.AdminName;
    public const string WallName = "e2e-wall";
    public const string OperatorName = "e2e-operator";
    public const string LeaderName = "e2e-leader";

    private WholeSystem _system = null!;

    public InfluxDbServer Influx => _system.Influx;
    public PostgresServer Postgres => _system.Postgres;
    public ServiceProcess Broker => _system.Broker;
    public ServiceProcess Server => _system.Server;
    public ServiceProcess Ingest => _system.Ingest;
    public int BrokerPort => _system.BrokerPort;
    public Contracts.Inventory.CityInventory City { get; } = TestCity.Create(camerasPerArea: 20);

    /// <summary>The simulator's synthetic camera pictures, on loopback; the Server's snapshot allow-list names it.</summary>
    internal SnapshotServer Snapshots { get; private set; } = null!;

    public string AdminPassword => PasswordOf(AdminName);
    public string WallPassword => PasswordOf(WallName);
    public string OperatorPassword => PasswordOf(OperatorName);
    public string LeaderPassword => PasswordOf(LeaderName);

    public string PasswordOf(string username) => _system.PasswordOf(username);

    public string DeviceSecret(string deviceId) => _system.DeviceSecret(deviceId);

    public async ValueTask InitializeAsync()
    {
        Snapshots = new SnapshotServer(FreePort.Next());
        _system = await WholeSystem.StartAsync(new WholeSystemOptions
        {
            City = City,
            People = new Dictionary<string, string> { [WallName] = "wall", [OperatorName] = "operator", [LeaderName] = "leader" },
            ServerSettings = new Dictionary<string, string?>
            {
                // The demo socio-economic figures, as a fresh installation imports them on its first start.
                ["Figures__DemoCsvPath"] = Path.Combine(RepoPaths.Root, "config", "demo-city", "socio-economic-figures.csv"),
                ["Snapshots__AllowedHosts__0"] = new Uri(Snapshots.BaseUrl).Authority,
                // Rollups and the first daily report every 10 s instead of every 5 minutes, so late data shows within the test.
                ["Rollups__RecentCron"] = "*/10 * * * * *",
                ["Reports__FirstDailyCron"] = "*/10 * * * * *",
            },
        });
    }

    /// <summary>A bearer token for the configured admin, accepted by the Server and Ingest (they share the key ring).</summary>
    public Task<string> AdminTokenAsync() => _system.TokenAsync(AdminName);

    /// <summary>A bearer token for one of the fixture's people.</summary>
    public Task<string> TokenAsync(string username) => _system.TokenAsync(username);

    public async ValueTask DisposeAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
        if (Snapshots is not null)
            await Snapshots.DisposeAsync();
    }
}
