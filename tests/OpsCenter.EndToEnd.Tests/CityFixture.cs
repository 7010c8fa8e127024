using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>
/// The whole system on loopback: real influxd and PostgreSQL, the Server (hosting the embedded MQTT broker) and Ingest
/// as processes from their build output, all on free ports with throw-away folders.
/// </summary>
public sealed class CityFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-e2e-").FullName;

    public InfluxDbServer Influx { get; private set; } = null!;
    public PostgresServer Postgres { get; private set; } = null!;
    public ServiceProcess Server { get; private set; } = null!;
    public ServiceProcess Ingest { get; private set; } = null!;
    public int BrokerPort { get; } = FreePort.Next();
    public Contracts.Inventory.CityInventory City { get; } = TestCity.Create();

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

        Server = new ServiceProcess("OpsCenter.Server", new Dictionary<string, string?>(common)
        {
            ["Broker__Embedded"] = "true",
            ["Broker__Port"] = common["Mqtt__Port"],
            ["Mqtt__ClientId"] = "e2e-server",
            ["ConnectionStrings__Postgres"] = Postgres.ConnectionString,
        }, _folder);
        await Server.StartAsync();

        Ingest = new ServiceProcess("OpsCenter.Ingest", new Dictionary<string, string?>(common)
        {
            ["Mqtt__ClientId"] = "e2e-ingest",
            ["Ingest__DataPath"] = Path.Combine(_folder, "ingest"),
        }, _folder);
        await Ingest.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Ingest is not null)
            await Ingest.DisposeAsync();
        if (Server is not null)
            await Server.DisposeAsync();
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
