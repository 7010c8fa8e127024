using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;

namespace OpsCenter.Tests.Shared;

/// <summary>What to start: the city, and the settings a suite or a benchmark adds to the Server's.</summary>
public sealed record WholeSystemOptions
{
    public required CityInventory City { get; init; }

    /// <summary>Lets one MQTT account publish for any device (the simulator's load and backfill commands).</summary>
    public bool SimulatorAccount { get; init; }

    /// <summary>Warnings only: information-level request logs at thousands of messages a second would measure the logger.</summary>
    public bool QuietLogs { get; init; }

    public IReadOnlyDictionary<string, string?> ServerSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>People the admin creates once the Server is up (username → role), each with a made-up password.</summary>
    public IReadOnlyDictionary<string, string> People { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The whole system on loopback, as the run command starts it: real influxd and PostgreSQL, OpsCenter.Broker, the Server
/// and Ingest as processes from their build output, on free ports with a throw-away folder. Shared by the end-to-end
/// suites and the live-view benchmark so both exercise one start-up.
/// </summary>
public sealed class WholeSystem : IAsyncDisposable
{
    public const string AdminName = "system-admin";

    private readonly WholeSystemOptions _options;
    private readonly Dictionary<string, string> _passwords = new(StringComparer.Ordinal);

    private WholeSystem(WholeSystemOptions options)
    {
        _options = options;
        InventoryPath = TestCity.WriteTo(Folder, options.City);
        _passwords[AdminName] = "admin-" + Guid.NewGuid().ToString("N");
        foreach (var username in options.People.Keys)
            _passwords[username] = username + "-" + Guid.NewGuid().ToString("N");
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("opscenter-system-").FullName;
    public InfluxDbServer Influx { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;
    public ServiceProcess Broker { get; private set; } = null!;
    public ServiceProcess Server { get; private set; } = null!;
    public ServiceProcess Ingest { get; private set; } = null!;
    public int BrokerPort { get; private set; } = FreePort.Next();
    public CityInventory City => _options.City;
    public string InventoryPath { get; }
    public Uri HubUrl => new(Server.BaseUrl, "hubs/live");

    /// <summary>Where the broker issued the MQTT secrets (device-secrets.json, service-secrets.json).</summary>
    public string CredentialsDirectory => Path.Combine(Folder, "credentials");

    public string DeviceSecret(string deviceId) => ReadSecrets("device-secrets.json")[deviceId];

    public string ServiceSecret(string account) => ReadSecrets("service-secrets.json")[account];

    /// <summary>Made up per run: the product has no default password.</summary>
    public string PasswordOf(string username) => _passwords.TryGetValue(username, out var password)
        ? password
        : throw new ArgumentOutOfRangeException(nameof(username), username, "not one of this system's people");

    public static async Task<WholeSystem> StartAsync(WholeSystemOptions options)
    {
        var system = new WholeSystem(options);
        try
        {
            await system.StartServicesAsync();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The broker first, on fresh ports again if one of its two was taken between being found free and being bound (other
    /// test processes and sessions on this machine pick from the same band; seen once in a fresh-clone run). Nothing
    /// depends on its ports before it is up, so only it can simply try again.
    /// </summary>
    private async Task StartBrokerAsync(Dictionary<string, string?> common)
    {
        for (var attempt = 1; ; attempt++)
        {
            Broker = new ServiceProcess("OpsCenter.Broker", new Dictionary<string, string?>(common)
            {
                ["Broker__Port"] = common["Mqtt__Port"],
                ["Broker__DataPath"] = Path.Combine(Folder, "broker"),
                ["Broker__RequireDeviceCredentials"] = "true",
                ["Broker__CredentialsDirectory"] = CredentialsDirectory,
                ["Broker__IssueMissingCredentials"] = "true",
                ["Broker__SimulatorAccount"] = _options.SimulatorAccount ? "true" : "false",
            }, Folder);
            try
            {
                await Broker.StartAsync();
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                await Broker.DisposeAsync();
                BrokerPort = FreePort.Next();
                common["Mqtt__Port"] = BrokerPort.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private async Task StartServicesAsync()
    {
        Influx = await InfluxDbServer.StartNewAsync();
        Postgres = await PostgresServer.StartNewAsync();
        Dictionary<string, string?> common = new()
        {
            ["Mqtt__Host"] = "127.0.0.1",
            ["Mqtt__Port"] = BrokerPort.ToString(CultureInfo.InvariantCulture),
            ["Influx__Url"] = Influx.Url.ToString(),
            ["Influx__Database"] = "opscenter",
            ["Influx__ServerGeneration"] = "V1Legacy",
            ["Inventory__Path"] = InventoryPath,
        };
        if (_options.QuietLogs)
            common["Logging__LogLevel__Default"] = "Warning";

        await StartBrokerAsync(common);

        // Made before the Server (its port is fixed at construction) and started after it, so the Server knows where
        // to read dead letters from.
        Ingest = new ServiceProcess("OpsCenter.Ingest", new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "system-ingest",
            ["Mqtt__Username"] = "opscenter-ingest",
            ["Mqtt__Password"] = ServiceSecret("opscenter-ingest"),
            ["Security__KeyRingPath"] = Path.Combine(Folder, "keys"),
            ["Ingest__DataPath"] = Path.Combine(Folder, "ingest"),
        }, Folder);
        var server = new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "system-server",
            ["Mqtt__Username"] = "opscenter-server",
            ["Mqtt__Password"] = ServiceSecret("opscenter-server"),
            ["ConnectionStrings__Postgres"] = Postgres.ConnectionString,
            ["Security__BootstrapAdmin__Username"] = AdminName,
            ["Security__BootstrapAdmin__Password"] = PasswordOf(AdminName),
            ["Security__KeyRingPath"] = Path.Combine(Folder, "keys"),
            ["Ingest__Url"] = Ingest.BaseUrl.ToString(),
        };
        foreach (var (key, value) in _options.ServerSettings)
            server[key] = value;
        Server = new ServiceProcess("OpsCenter.Server", server, Folder);
        await Server.StartAsync();
        await CreatePeopleAsync();

        await Ingest.StartAsync();
        await Eventually.True(async () => (await Ingest.HealthAsync()).Status == 200, TimeSpan.FromSeconds(60), "Ingest healthy");
    }

    /// <summary>A bearer token for one of the system's people (or its admin), accepted by the Server and Ingest alike.</summary>
    public async Task<string> TokenAsync(string username)
    {
        using var token = await Server.Http.PostAsJsonAsync("api/auth/token", new { username, password = PasswordOf(username) });
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    /// <summary>As an operator would: the configured admin signs in and creates the people's accounts.</summary>
    private async Task CreatePeopleAsync()
    {
        var admin = await TokenAsync(AdminName);
        foreach (var (username, role) in _options.People)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/users")
            {
                Content = JsonContent.Create(new { username, displayName = username, role, password = PasswordOf(username) }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await Server.Http.SendAsync(request)).EnsureSuccessStatusCode();
        }
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
        if (Postgres is not null)
            await Postgres.DisposeAsync();
        if (Influx is not null)
            await Influx.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open must not fail the run.
        }
    }
}
