using System.Diagnostics;
using System.Globalization;
using OpsCenter.Bench.Measuring;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;
using OpsCenter.TimeSeries;

namespace OpsCenter.Bench;

/// <summary>A real InfluxDB and an Ingest process (Release build) attached to the broker under test.</summary>
public sealed class IngestRig : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-bench-").FullName;
    private InfluxDbServer? _influx;

    public const string ProcessName = "Ingest";

    public ServiceProcess Ingest { get; private set; } = null!;
    public InfluxQlClient Reader { get; private set; } = null!;
    public IReadOnlyList<string> Detectors { get; private set; } = [];

    /// <summary>From starting Ingest to its first healthy answer, and the CPU it had used by then (the JIT's share of start-up).</summary>
    public TimeSpan StartUp { get; private set; }
    public TimeSpan StartUpCpu { get; private set; }

    public static async Task<IngestRig> StartAsync(BrokerUnderTest broker, int detectors, string clientId)
    {
        var rig = new IngestRig();
        rig._influx = await InfluxDbServer.StartNewAsync();
        var city = City(detectors);
        rig.Detectors = city.Devices.Select(d => d.Id).ToList();
        var inventory = TestCity.WriteTo(rig._folder, city);
        rig.Reader = new InfluxQlClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(
            new InfluxOptions { Url = rig._influx.Url.ToString(), Database = "opscenter" }));
        var environment = new Dictionary<string, string?>
        {
            ["Mqtt__Host"] = "127.0.0.1",
            ["Mqtt__Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__ClientId"] = clientId,
            ["Influx__Url"] = rig._influx.Url.ToString(),
            ["Influx__ServerGeneration"] = "V1Legacy",
            ["Inventory__Path"] = inventory,
            ["Ingest__DataPath"] = Path.Combine(rig._folder, "ingest"),
            ["Security__KeyRingPath"] = rig.KeyRing,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OpsCenter.Ingest.Mqtt"] = Environment.GetEnvironmentVariable("BENCH_INGEST_DEBUG") is null ? "Warning" : "Debug",
        };
        if (PerfRecorder.Folder is not null)
        {
            environment["DOTNET_PerfMapEnabled"] = "1"; // lets perf name JIT-compiled methods
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        EnvironmentOverrides.AddTo(environment, "BENCH_INGEST_ENV"); // e.g. GC knobs
        rig.Ingest = new ServiceProcess("OpsCenter.Ingest", environment, rig._folder);
        var started = Stopwatch.GetTimestamp();
        await rig.Ingest.StartAsync();
        await Eventually.True(async () => (await rig.Ingest.HealthAsync()).Status == 200, TimeSpan.FromSeconds(60), "Ingest healthy");
        rig.StartUp = Stopwatch.GetElapsedTime(started);
        rig.StartUpCpu = OpsCenter.Bench.Live.ProcessCpu.Used(rig.Ingest.Pid!.Value);
        return rig;
    }

    private static CityInventory City(int detectors) => TestCity.Create(camerasPerArea: 0, detectorsPerArea: (detectors + 1) / 2, officesPerArea: 0);

    /// <summary>The detectors a rig of this size registers.</summary>
    public static IReadOnlyList<string> DetectorIds(int detectors) => [.. City(detectors).Devices.Select(d => d.Id)];

    /// <summary>Ingest and InfluxDB, the processes behind the broker.</summary>
    public IEnumerable<(string Name, int? Pid)> Processes() => [(ProcessName, Ingest.Pid), ("influxd", _influx?.Pid)];

    /// <summary>Ingest's receive → durable histogram as it stands (Prometheus text from its /metrics).</summary>
    public async Task<DurableHistogram> DurableHistogramAsync() => DurableHistogram.Parse(await MetricsAsync());

    /// <summary>The runtime's allocation and GC totals so far.</summary>
    public async Task<RuntimeCounters> RuntimeCountersAsync() => RuntimeCounters.Parse(await MetricsAsync());

    private async Task<string> MetricsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            OpsCenter.Ingest.Tests.RealParts.TestTokens.Issue(KeyRing, OpsCenter.Contracts.Security.Roles.Admin));
        using var response = await Ingest.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private string KeyRing => Path.Combine(_folder, "keys");

    public async Task<long> StoredAsync()
    {
        var series = await Reader.SeriesAsync("SELECT count(seq) FROM traffic_telemetry");
        return series.Count == 0 ? 0 : series[0].Values[0][1].GetInt64();
    }

    /// <summary>
    /// Waits until InfluxDB holds <paramref name="count"/> points (or the timeout passes) and returns how many it holds.
    /// InfluxDB announces nothing, so this polls; the 20 ms interval is the resolution of the throughput figure.
    /// </summary>
    public async Task<long> WaitUntilStoredAsync(long count, TimeSpan timeout)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        long stored;
        while ((stored = await StoredAsync()) < count && Stopwatch.GetTimestamp() < deadline)
            await poll.WaitForNextTickAsync();
        return stored;
    }

    /// <summary>Resident memory of the Ingest process, from /proc (kB → MB).</summary>
    public double ResidentMegabytes() => ResidentMemory.Megabytes(Ingest.Pid!.Value);

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("BENCH_INGEST_DEBUG") is { } keep && Ingest.LogFile is { } log && File.Exists(log))
            File.Copy(log, keep, overwrite: true);
        await Ingest.DisposeAsync();
        if (_influx is not null)
            await _influx.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
