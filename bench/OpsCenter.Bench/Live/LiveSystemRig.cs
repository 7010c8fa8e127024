using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Live;

/// <summary>
/// The whole system on loopback for the live-view benchmark: influxd, PostgreSQL, OpsCenter.Broker (with the
/// simulator account, so <c>opscenter-sim load</c> can publish for any device), the Server and Ingest as Release-build
/// processes on free ports with a throw-away folder. The same start-up as tests/OpsCenter.EndToEnd.Tests/CityFixture.cs.
/// </summary>
public sealed class LiveSystemRig : IAsyncDisposable
{
    private const string WallName = "bench-wall";
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-livebench-").FullName;
    private readonly string _wallPassword = "wall-" + Guid.NewGuid().ToString("N");
    private readonly string _adminPassword = "admin-" + Guid.NewGuid().ToString("N");
    private InfluxDbServer? _influx;
    private PostgresServer? _postgres;

    public ServiceProcess Broker { get; private set; } = null!;
    public ServiceProcess Server { get; private set; } = null!;
    public ServiceProcess Ingest { get; private set; } = null!;
    public int BrokerPort { get; } = FreePort.Next();
    public CityInventory City { get; }
    public string InventoryPath { get; }
    public string Folder => _folder;
    public Uri HubUrl => new(Server.BaseUrl, "hubs/live");

    private LiveSystemRig(CityInventory city)
    {
        City = city;
        InventoryPath = TestCity.WriteTo(_folder, city);
    }

    public string CredentialsDirectory => Path.Combine(_folder, "credentials");

    public string DeviceSecret(string deviceId) => ReadSecrets("device-secrets.json")[deviceId];

    public string ServiceSecret(string account) => ReadSecrets("service-secrets.json")[account];

    public static async Task<LiveSystemRig> StartAsync(CityInventory city)
    {
        var rig = new LiveSystemRig(city);
        try
        {
            await rig.StartServicesAsync();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    private async Task StartServicesAsync()
    {
        _influx = await InfluxDbServer.StartNewAsync();
        _postgres = await PostgresServer.StartNewAsync();
        Dictionary<string, string?> common = new()
        {
            ["Mqtt__Host"] = "127.0.0.1",
            ["Mqtt__Port"] = BrokerPort.ToString(CultureInfo.InvariantCulture),
            ["Influx__Url"] = _influx.Url.ToString(),
            ["Influx__Database"] = "opscenter",
            ["Influx__ServerGeneration"] = "V1Legacy",
            ["Inventory__Path"] = InventoryPath,
            // Information-level request logs at thousands of messages a second would measure the logger.
            ["Logging__LogLevel__Default"] = "Warning",
        };

        Broker = new ServiceProcess("OpsCenter.Broker", new Dictionary<string, string?>(common)
        {
            ["Broker__Port"] = common["Mqtt__Port"],
            ["Broker__DataPath"] = Path.Combine(_folder, "broker"),
            ["Broker__RequireDeviceCredentials"] = "true",
            ["Broker__CredentialsDirectory"] = CredentialsDirectory,
            ["Broker__IssueMissingCredentials"] = "true",
            ["Broker__SimulatorAccount"] = "true",
        }, _folder);
        await Broker.StartAsync();

        Ingest = new ServiceProcess("OpsCenter.Ingest", new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "bench-ingest",
            ["Mqtt__Username"] = "opscenter-ingest",
            ["Mqtt__Password"] = ServiceSecret("opscenter-ingest"),
            ["Security__KeyRingPath"] = Path.Combine(_folder, "keys"),
            ["Ingest__DataPath"] = Path.Combine(_folder, "ingest"),
        }, _folder);
        Server = new ServiceProcess("OpsCenter.Server", new Dictionary<string, string?>(common)
        {
            // The console's dead letters are read from Ingest; its port is chosen already, it starts after the Server.
            ["Ingest__Url"] = Ingest.BaseUrl.ToString(),
            ["Mqtt__ClientId"] = "bench-server",
            ["Mqtt__Username"] = "opscenter-server",
            ["Mqtt__Password"] = ServiceSecret("opscenter-server"),
            ["ConnectionStrings__Postgres"] = _postgres.ConnectionString,
            ["Security__BootstrapAdmin__Username"] = "bench-admin",
            ["Security__BootstrapAdmin__Password"] = _adminPassword,
            ["Security__KeyRingPath"] = Path.Combine(_folder, "keys"),
        }, _folder);
        await Server.StartAsync();
        await CreateWallUserAsync();

        await Ingest.StartAsync();
        await Eventually.True(async () => (await Ingest.HealthAsync()).Status == 200, TimeSpan.FromSeconds(60), "Ingest healthy");
    }

    /// <summary>A bearer token for the wall screen's account: the fan-out clients are wall screens.</summary>
    public Task<string> WallTokenAsync() => TokenAsync(WallName, _wallPassword);

    private async Task<string> TokenAsync(string username, string password)
    {
        using var token = await Server.Http.PostAsJsonAsync("api/auth/token", new { username, password });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private async Task CreateWallUserAsync()
    {
        var admin = await TokenAsync("bench-admin", _adminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/users")
        {
            Content = JsonContent.Create(new { username = WallName, displayName = "Bench wall", role = "wall", password = _wallPassword }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        (await Server.Http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private Dictionary<string, string> ReadSecrets(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(CredentialsDirectory, file)))!;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new[] { Ingest, Server, Broker })
        {
            if (service is not null)
                await service.DisposeAsync();
        }
        if (_postgres is not null)
            await _postgres.DisposeAsync();
        if (_influx is not null)
            await _influx.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open must not fail the run.
        }
    }
}
