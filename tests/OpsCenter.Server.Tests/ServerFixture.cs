using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Builder;
using OpsCenter.Broker;
using OpsCenter.LocalServices;
using OpsCenter.Server.Security;
using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests;

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}

/// <summary>
/// The Server in process on a real PostgreSQL, and the broker (its own app, also in process) on a free port requiring
/// device credentials issued for a small test city (and the simulator's account). Signs in one user per role and issues one service key per
/// service role.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public const string AdminName = "root-admin";
    public const string AdminPassword = "correct horse battery staple";
    public const string UserPassword = "a long enough password 1";

    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-server-tests-").FullName;
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, string> _serviceKeys = [];

    public PostgresServer Postgres { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public WebApplication Broker { get; private set; } = null!;
    public int BrokerPort { get; } = FreePort.Next();
    public string IngestUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";
    public string CredentialsDirectory => Path.Combine(_folder, "credentials");
    public Contracts.Inventory.CityInventory City { get; } = TestCity.Create(camerasPerArea: 1, detectorsPerArea: 1, officesPerArea: 1);

    public async ValueTask InitializeAsync()
    {
        Postgres = await PostgresServer.StartNewAsync();
        var inventory = TestCity.WriteTo(_folder, City);
        var port = BrokerPort.ToString(CultureInfo.InvariantCulture);
        Broker = BrokerApp.Build(["--urls", $"http://127.0.0.1:{FreePort.Next()}"], new Dictionary<string, string?>
        {
            ["Inventory:Path"] = inventory,
            ["Broker:Port"] = port,
            ["Broker:RequireDeviceCredentials"] = "true",
            ["Broker:CredentialsDirectory"] = CredentialsDirectory,
            ["Broker:IssueMissingCredentials"] = "true",
            ["Broker:SimulatorAccount"] = "true",
            // No Ingest here: devices need not wait for one after the broker starts.
            ["Broker:HoldDevicesForIngestSeconds"] = "0",
        });
        await Broker.StartAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = Postgres.ConnectionString,
                ["Inventory:Path"] = inventory,
                ["Mqtt:Port"] = port,
                ["Mqtt:ClientId"] = "server-tests",
                ["Mqtt:Username"] = ServiceAccounts.Server,
                ["Mqtt:Password"] = ServiceSecret(ServiceAccounts.Server),
                ["Security:BootstrapAdmin:Username"] = AdminName,
                ["Security:BootstrapAdmin:Password"] = AdminPassword,
                ["Security:KeyRingPath"] = Path.Combine(_folder, "keys"),
                ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
                // Nothing listens there: the dead-letter proxy's "Ingest unreachable" answer is tested against it.
                ["Ingest:Url"] = IngestUrl,
                // The snapshot tests' loopback picture server; "localhost" stays off the list on purpose.
                ["Snapshots:AllowedHosts:0"] = "127.0.0.1",
                // Hangfire runs on the test PostgreSQL with the job registered, but never fires on its own: on the real
                // clock it would escalate other tests' incidents mid-test. SLA tests run the job with their own clock.
                ["Jobs:SlaEscalationCron"] = Hangfire.Cron.Never(),
                // Likewise the leaders' reports: their tests run the job themselves.
                ["Reports:DailyCron"] = Hangfire.Cron.Never(),
                ["Reports:WeeklyCron"] = Hangfire.Cron.Never(),
                ["Reports:FirstDailyCron"] = Hangfire.Cron.Never(),
                // Deliveries wait in the outbox: the notification tests start a Server of their own that sends them,
                // so a delivery is known to be committed before any Server could send it.
                ["Notifications:SenderEnabled"] = "false",
                // The same for the rollups (their tests run the job with their own clock and InfluxDB); a failed run is
                // retried once after a second, so the failure test sees Hangfire's retry and then Failed quickly.
                ["Rollups:RecentCron"] = Hangfire.Cron.Never(),
                ["Rollups:SweepCron"] = Hangfire.Cron.Never(),
                ["Rollups:RetryAttempts"] = "1",
                ["Rollups:RetryDelaysSeconds:0"] = "1",
            })
            {
                web.UseSetting(key, value);
            }
            web.ConfigureTestServices(ConfigureTestServices);
        });

        using var admin = Client();
        var adminToken = await TokenAsync(admin, AdminName, AdminPassword);
        _tokens[Roles.Admin] = adminToken;
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        foreach (var role in new[] { Roles.Operator, Roles.Leader, Roles.Wall })
        {
            (await admin.PostAsJsonAsync("/api/users", new { username = $"test-{role}", displayName = $"Test {role}", role, password = UserPassword }))
                .EnsureSuccessStatusCode();
            _tokens[role] = await TokenAsync(admin, $"test-{role}", UserPassword);
        }
        foreach (var role in Roles.Services)
        {
            var response = await admin.PostAsJsonAsync("/api/service-keys", new { name = $"test-{role}", role });
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _serviceKeys[role] = body.RootElement.GetProperty("key").GetString()!;
        }
    }

    /// <summary>A fixture of its own may replace services (e.g. a known indicator source) before the Server starts.</summary>
    protected virtual void ConfigureTestServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client signed in with the given role: bearer token for people, service key for machines.</summary>
    public HttpClient ClientAs(string role)
    {
        var client = Client();
        if (_serviceKeys.TryGetValue(role, out var key))
            client.DefaultRequestHeaders.Add(ServiceKeyAuthenticationHandler.HeaderName, key);
        else
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[role]);
        return client;
    }

    public string TokenOf(string role) => _tokens[role];

    public static async Task<string> TokenAsync(HttpClient client, string username, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public IReadOnlyDictionary<string, string> DeviceSecrets =>
        CredentialFiles.ReadSecrets(Path.Combine(CredentialsDirectory, CredentialFiles.DeviceSecrets));

    public string ServiceSecret(string name) =>
        CredentialFiles.ReadSecrets(Path.Combine(CredentialsDirectory, CredentialFiles.ServiceSecrets))[name];

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null)
            await Factory.DisposeAsync();
        if (Broker is not null)
            await Broker.DisposeAsync();
        if (Postgres is not null)
            await Postgres.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run.
        }
    }
}
