namespace OpsCenter.AppHost;

/// <summary>Where our built programs are and the settings each one gets (environment variables override appsettings).</summary>
internal sealed class ServiceCatalog(string repoRoot, string dataDirectory, string postgresConnectionString, DemoSecrets secrets, string inventory)
{
    private const string Output = "bin/Release/net10.0";

    public string Server => Path.Combine(repoRoot, "OpsCenter.Server", Output, "OpsCenter.Server.dll");

    public string Ingest => Path.Combine(repoRoot, "OpsCenter.Ingest", Output, "OpsCenter.Ingest.dll");

    public string Broker => Path.Combine(repoRoot, "OpsCenter.Broker", Output, "OpsCenter.Broker.dll");

    public string Simulator => SimulatorAssembly(repoRoot);

    public static string SimulatorAssembly(string repoRoot) => Path.Combine(repoRoot, "simulators", "OpsCenter.Simulators", Output, "opscenter-sim.dll");

    /// <summary>A steady stream from every device of the demo city; the fixed seed makes runs comparable.</summary>
    public IReadOnlyList<string> SimulatorArguments =>
        ["fleet", "--host", "127.0.0.1", "--port", $"{LocalDeployment.BrokerPort}", "--inventory", Inventory, "--seed", "42",
         "--credentials", secrets.DeviceSecretsFile, "--snapshots-port", $"{LocalDeployment.SimulatorSnapshotPort}"];

    private string Inventory => inventory;

    /// <summary>The MQTT broker in its own process, so that restarting the web Server disconnects no device.</summary>
    public IReadOnlyDictionary<string, string?> BrokerEnvironment => new Dictionary<string, string?>(Shared)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalDeployment.BrokerHttpPort}",
        ["Broker__Port"] = $"{LocalDeployment.BrokerPort}",
        // Retained device status and liveness survive a broker restart.
        ["Broker__DataPath"] = Path.Combine(dataDirectory, "broker"),
        // Every device signs in with its own secret; the broker issues missing ones at start-up into the data folder.
        ["Broker__RequireDeviceCredentials"] = "true",
        ["Broker__CredentialsDirectory"] = secrets.CredentialsDirectory,
        ["Broker__IssueMissingCredentials"] = "true",
        // Demo only: lets the simulator's scenarios, load and backfill publish for many devices over shared connections.
        ["Broker__SimulatorAccount"] = "true",
    };

    public IReadOnlyDictionary<string, string?> ServerEnvironment => new Dictionary<string, string?>(Shared)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalDeployment.ServerPort}",
        ["ConnectionStrings__Postgres"] = postgresConnectionString,
        // Read when the Server starts, after the broker has issued the service secrets.
        ["Mqtt__Username"] = DemoSecrets.ServerMqttUsername,
        ["Mqtt__Password"] = secrets.ServiceMqttPassword(DemoSecrets.ServerMqttUsername),
        ["Security__BootstrapAdmin__Username"] = DemoSecrets.AdminUsername,
        ["Security__BootstrapAdmin__Password"] = secrets.AdminPassword(),
        ["Security__KeyRingPath"] = secrets.KeyRingDirectory,
        // The console's dead letters are read from Ingest, as the signed-in person (same key ring).
        ["Ingest__Url"] = $"http://127.0.0.1:{LocalDeployment.IngestPort}",
        // The simulator's synthetic camera snapshots; nothing else is fetched in the demo.
        ["Snapshots__AllowedHosts__0"] = $"127.0.0.1:{LocalDeployment.SimulatorSnapshotPort}",
    };

    public IReadOnlyDictionary<string, string?> IngestEnvironment => new Dictionary<string, string?>(Shared)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalDeployment.IngestPort}",
        ["Mqtt__ClientId"] = "opscenter-ingest-1",
        ["Ingest__DataPath"] = Path.Combine(dataDirectory, "ingest"),
        // Read when Ingest starts, after the broker has issued the service secrets.
        ["Mqtt__Username"] = DemoSecrets.IngestMqttUsername,
        ["Mqtt__Password"] = secrets.ServiceMqttPassword(DemoSecrets.IngestMqttUsername),
        ["Security__KeyRingPath"] = secrets.KeyRingDirectory,
    };

    private Dictionary<string, string?> Shared => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_NOLOGO"] = "1",
        ["Mqtt__Host"] = "127.0.0.1",
        ["Mqtt__Port"] = $"{LocalDeployment.BrokerPort}",
        ["Influx__Url"] = $"http://127.0.0.1:{LocalDeployment.InfluxPort}",
        ["Influx__Database"] = "opscenter",
        ["Influx__ServerGeneration"] = "V1Legacy",
        ["Inventory__Path"] = Inventory,
    };
}
