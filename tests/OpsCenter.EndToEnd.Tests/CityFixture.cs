using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The whole system on loopback: real influxd and PostgreSQL, the MQTT broker, the Server and Ingest as processes from
/// their build output, all on free ports with throw-away folders.
/// </summary>
public sealed class CityFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-e2e-").FullName;

    public InfluxDbServer Influx { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;
    public ServiceProcess Broker { get; private set; } = null!;
    public ServiceProcess Server { get; private set; } = null!;
    public ServiceProcess Ingest { get; private set; } = null!;
    public int BrokerPort { get; } = FreePort.Next();
    public Contracts.Inventory.CityInventory City { get; } = TestCity.Create(camerasPerArea: 20);

    public const string AdminName = "e2e-admin";
    public const string WallName = "e2e-wall";
    public const string OperatorName = "e2e-operator";
    public const string LeaderName = "e2e-leader";
    /// <summary>Made up per run: the product has no default password.</summary>
    public string AdminPassword { get; } = "admin-" + Guid.NewGuid().ToString("N");
    public string WallPassword { get; } = "wall-" + Guid.NewGuid().ToString("N");
    public string OperatorPassword { get; } = "operator-" + Guid.NewGuid().ToString("N");
    public string LeaderPassword { get; } = "leader-" + Guid.NewGuid().ToString("N");

    public string PasswordOf(string username) => username switch
    {
        AdminName => AdminPassword,
        WallName => WallPassword,
        OperatorName => OperatorPassword,
        LeaderName => LeaderPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(username)),
    };

    /// <summary>Where the broker issued the MQTT secrets (device-secrets.json, service-secrets.json).</summary>
    public string CredentialsDirectory => Path.Combine(_folder, "credentials");

    public string DeviceSecret(string deviceId) => ReadSecrets("device-secrets.json")[deviceId];

    public async ValueTask InitializeAsync()
    {
        Influx = await InfluxDbServer.StartNewAsync();
        Postgres = await PostgresServer.StartNewAsync();
        var inventory = TestCity.WriteTo(_folder, City);

        Dictionary<string, string?> common = new()
        {
            ["Mqtt__Host"] = "127.0.0.1",
            ["Mqtt__Port"] = BrokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Influx__Url"] = Influx.Url.ToString(),
            ["Influx__Database"] = "opscenter",
            ["Influx__ServerGeneration"] = "V1Legacy",
            ["Inventory__Path"] = inventory,
        };

        Broker = new ServiceProcess("OpsCenter.Broker", new Dictionary<string, string?>(common)
        {
            ["Broker__Port"] = common["Mqtt__Port"],
            ["Broker__DataPath"] = Path.Combine(_folder, "broker"),
            ["Broker__RequireDeviceCredentials"] = "true",
            ["Broker__CredentialsDirectory"] = CredentialsDirectory,
            ["Broker__IssueMissingCredentials"] = "true",
        }, _folder);
        await Broker.StartAsync();

        // Made before the Server (its port is fixed at construction) and started after it, so the Server knows where
        // to read dead letters from.
        Ingest = new ServiceProcess("OpsCenter.Ingest", new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "e2e-ingest",
            ["Mqtt__Username"] = "opscenter-ingest",
            ["Mqtt__Password"] = ReadSecrets("service-secrets.json")["opscenter-ingest"],
            ["Security__KeyRingPath"] = Path.Combine(_folder, "keys"),
            ["Ingest__DataPath"] = Path.Combine(_folder, "ingest"),
        }, _folder);
        Server = new ServiceProcess("OpsCenter.Server", new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "e2e-server",
            ["Mqtt__Username"] = "opscenter-server",
            ["Mqtt__Password"] = ReadSecrets("service-secrets.json")["opscenter-server"],
            ["ConnectionStrings__Postgres"] = Postgres.ConnectionString,
            ["Security__BootstrapAdmin__Username"] = AdminName,
            ["Security__BootstrapAdmin__Password"] = AdminPassword,
            ["Security__KeyRingPath"] = Path.Combine(_folder, "keys"),
            ["Ingest__Url"] = Ingest.BaseUrl.ToString(),
            // The demo socio-economic figures, as a fresh installation imports them on its first start.
            ["Figures__DemoCsvPath"] = Path.Combine(RepoPaths.Root, "config", "demo-city", "socio-economic-figures.csv"),
        }, _folder);
        await Server.StartAsync();
        await CreatePeopleAsync();

        await Ingest.StartAsync();
    }

    private Dictionary<string, string> ReadSecrets(string file) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(CredentialsDirectory, file)))!;

    /// <summary>A bearer token for the configured admin, accepted by the Server and Ingest (they share the key ring).</summary>
    public async Task<string> AdminTokenAsync()
    {
        using var token = await Server.Http.PostAsJsonAsync("api/auth/token", new { username = AdminName, password = AdminPassword });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>As an operator would: the configured admin signs in and creates the wall screen's, an operator's and a leader's accounts.</summary>
    private async Task CreatePeopleAsync()
    {
        var accessToken = await AdminTokenAsync();
        foreach (var (username, role) in new[] { (WallName, "wall"), (OperatorName, "operator"), (LeaderName, "leader") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/users")
            {
                Content = JsonContent.Create(new { username, displayName = username, role, password = PasswordOf(username) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            (await Server.Http.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>A bearer token for one of the fixture's people.</summary>
    public async Task<string> TokenAsync(string username)
    {
        using var token = await Server.Http.PostAsJsonAsync("api/auth/token", new { username, password = PasswordOf(username) });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Ingest is not null)
            await Ingest.DisposeAsync();
        if (Server is not null)
            await Server.DisposeAsync();
        if (Broker is not null)
            await Broker.DisposeAsync();
        if (Postgres is not null)
            await Postgres.DisposeAsync();
        if (Influx is not null)
            await Influx.DisposeAsync();
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
