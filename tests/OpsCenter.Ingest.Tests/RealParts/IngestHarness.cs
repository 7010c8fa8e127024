using System.Globalization;
using System.Text.RegularExpressions;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>
/// Real InfluxDB and Debian's mosquitto, plus Ingest processes from the build output, on free loopback ports with a
/// throw-away folder. Tests stop, kill and restart the parts to prove nothing is lost.
/// </summary>
public sealed partial class IngestHarness : IAsyncDisposable
{
    private readonly List<ServiceProcess> _ingests = [];
    private readonly Lazy<string> _adminToken;

    /// <summary>The InfluxDB admin the harness reads and administers with when auth is on.</summary>
    public const string InfluxAdmin = "admin";
    public const string InfluxAdminPassword = "admin-password";

    private IngestHarness(string folder, InfluxDbServer influx, MosquittoServer broker, string inventory, bool influxAuth)
    {
        Folder = folder;
        _adminToken = new Lazy<string>(() => TestTokens.Issue(KeyRing, "admin"));
        Influx = influx;
        Broker = broker;
        InventoryPath = inventory;
        Reader = new InfluxQlClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(
            new InfluxOptions
            {
                Url = influx.Url.ToString(),
                Database = "opscenter",
                Username = influxAuth ? InfluxAdmin : null,
                Password = influxAuth ? InfluxAdminPassword : null,
            }));
    }

    public string Folder { get; }
    public InfluxDbServer Influx { get; }
    public MosquittoServer Broker { get; }
    public string InventoryPath { get; }
    public string KeyRing => Path.Combine(Folder, "keys");
    public InfluxQlClient Reader { get; }

    /// <param name="influxAuth">InfluxDB with authentication on and one admin (<see cref="InfluxAdmin"/>), which the harness reads as.</param>
    public static async Task<IngestHarness> StartAsync(Contracts.Inventory.CityInventory? city = null, bool influxAuth = false)
    {
        var folder = Directory.CreateTempSubdirectory("opscenter-ingest-").FullName;
        var influx = await InfluxDbServer.StartNewAsync(new InfluxDbServerOptions { AuthEnabled = influxAuth });
        var broker = await MosquittoServer.StartNewAsync();
        var harness = new IngestHarness(folder, influx, broker, TestCity.WriteTo(folder, city ?? TestCity.Create(camerasPerArea: 5, detectorsPerArea: 5)), influxAuth);
        // 1.x takes the first admin without credentials.
        if (influxAuth)
            await harness.Reader.QueryAsync($"CREATE USER {InfluxAdmin} WITH PASSWORD '{InfluxAdminPassword}' WITH ALL PRIVILEGES", usesDatabase: false);
        return harness;
    }

    /// <summary>Runs an administrative statement (users, databases) as the harness.</summary>
    public Task InfluxAdminAsync(string influxQl) => Reader.QueryAsync(influxQl, usesDatabase: false);

    /// <summary>Writes line protocol to the <c>opscenter</c> database directly, as another writer would.</summary>
    public async Task WriteLinesAsync(string lines)
    {
        using var http = new HttpClient();
        using var content = new StringContent(lines);
        using var response = await http.PostAsync(new Uri(Influx.Url, "/write?db=opscenter"), content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"write answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates (not starts) an Ingest instance; same <paramref name="instance"/> = same client id and buffer folder.</summary>
    public ServiceProcess Ingest(int instance = 1, string? sharedGroup = null, int batchSize = 500, IDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Mqtt__Host"] = "127.0.0.1",
            ["Mqtt__Port"] = Broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__ClientId"] = $"ingest-{instance}",
            ["Influx__Url"] = Influx.Url.ToString(),
            ["Influx__Database"] = "opscenter",
            ["Influx__ServerGeneration"] = "V1Legacy",
            ["Influx__TimeoutSeconds"] = "3",
            ["Inventory__Path"] = InventoryPath,
            ["Ingest__DataPath"] = Path.Combine(Folder, $"ingest-{instance}"),
            ["Ingest__SharedGroup"] = sharedGroup,
            ["Ingest__BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Security__KeyRingPath"] = KeyRing,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            environment[key] = value;
        var process = new ServiceProcess("OpsCenter.Ingest", environment, Folder);
        // Metrics and the API are for admins; the harness calls them as one.
        process.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _adminToken.Value);
        _ingests.Add(process);
        return process;
    }

    /// <summary>Creates and starts an Ingest instance and waits until its /health says every dependency answers.</summary>
    public async Task<ServiceProcess> StartIngestAsync(IDictionary<string, string?>? settings = null)
    {
        var ingest = Ingest(settings: settings);
        await ingest.StartAsync();
        await Eventually.True(async () => (await ingest.HealthAsync()).Status == 200, TimeSpan.FromSeconds(90), "Ingest healthy");
        return ingest;
    }

    public Task<DevicePublisher> ConnectDevicesAsync() => DevicePublisher.ConnectAsync(Broker.Port);

    /// <summary>Points with a <c>seq</c> (what Ingest stores) in a measurement; 0 while the database does not exist.</summary>
    public async Task<long> CountAsync(string measurement, long fromSeq = 0)
    {
        try
        {
            var series = await Reader.SeriesAsync($"SELECT count(seq) FROM \"{measurement}\" WHERE seq >= {fromSeq}");
            return series.Count == 0 ? 0 : series[0].Values[0][1].GetInt64();
        }
        catch (InfluxQlException ex) when (ex.Message.Contains("database not found", StringComparison.Ordinal))
        {
            return 0;
        }
    }

    /// <summary>Reads a counter from an instance's Prometheus endpoint (0 when not yet reported).</summary>
    public static async Task<double> MetricAsync(ServiceProcess ingest, string name)
    {
        var text = await ingest.Http.GetStringAsync("metrics");
        double total = 0;
        foreach (Match m in MetricLine().Matches(text))
        {
            if (m.Groups["name"].Value == name)
                total += double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return total;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex MetricLine();

    public async ValueTask DisposeAsync()
    {
        foreach (var ingest in _ingests)
            await ingest.DisposeAsync();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class HarnessCity
{
    public static IReadOnlyList<string> DetectorIds(this IngestHarness harness) =>
        Contracts.Inventory.CityInventory.Load(harness.InventoryPath).Devices.Where(d => d.Kind == "traffic").Select(d => d.Id).ToList();
}
