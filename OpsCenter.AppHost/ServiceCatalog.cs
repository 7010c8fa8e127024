namespace OpsCenter.AppHost;

/// <summary>Where our built programs are and the settings each one gets (environment variables override appsettings).</summary>
internal sealed class ServiceCatalog(string repoRoot, string dataDirectory, string postgresConnectionString, DemoSecrets secrets, string inventory)
{
    private const string Output = "bin/Release/net10.0";

    public string Server => Path.Combine(repoRoot, "OpsCenter.Server", Output, "OpsCenter.Server.dll");

    public string Ingest => Path.Combine(repoRoot, "OpsCenter.Ingest", Output, "OpsCenter.Ingest.dll");

    public string Simulator => SimulatorAssembly(repoRoot);

    public static string SimulatorAssembly(string repoRoot) => Path.Combine(repoRoot, "simulators", "OpsCenter.Simulators", Output, "opscenter-sim.dll");

    /// <summary>A steady stream from every device of the demo city; the fixed seed makes runs comparable.</summary>
    public IReadOnlyList<string> SimulatorArguments =>
        ["fleet", "--host", "127.0.0.1", "--port", $"{LocalDeployment.BrokerPort}", "--inventory", Inventory, "--seed", "42",
         "--credentials", secrets.DeviceSecretsFile];

    private string Inventory => inventory;

    public IReadOnlyDictionary<string, string?> ServerEnvironment => new Dictionary<string, string?>(Shared)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalDeployment.ServerPort}",
        // The Server hosts the MQTT broker, so the simulator and Ingest need it up first.
        ["Broker__Embedded"] = "true",
        ["Broker__Port"] = $"{LocalDeployment.BrokerPort}",
        ["ConnectionStrings__Postgres"] = postgresConnectionString,
        // Every device signs in with its own secret; the Server issues missing ones at start-up into the data folder.
        ["Broker__RequireDeviceCredentials"] = "true",
        ["Broker__CredentialsDirectory"] = secrets.CredentialsDirectory,
        ["Broker__IssueMissingCredentials"] = "true",
        // Demo only: lets the simulator's scenarios, load and backfill publish for many devices over shared connections.
        ["Broker__SimulatorAccount"] = "true",
        ["Security__BootstrapAdmin__Username"] = DemoSecrets.AdminUsername,
        ["Security__BootstrapAdmin__Password"] = secrets.AdminPassword(),
        ["Security__KeyRingPath"] = secrets.KeyRingDirectory,
    };

    public IReadOnlyDictionary<string, string?> IngestEnvironment => new Dictionary<string, string?>(Shared)
    {
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalDeployment.IngestPort}",
        ["Mqtt__ClientId"] = "opscenter-ingest-1",
        ["Ingest__DataPath"] = Path.Combine(dataDirectory, "ingest"),
        // Read when Ingest starts, after the Server has issued the service secrets.
        ["Mqtt__Username"] = "opscenter-ingest",
        ["Mqtt__Password"] = secrets.IngestMqttPassword(),
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
