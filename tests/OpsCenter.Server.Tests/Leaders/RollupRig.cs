using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.LocalServices;
using OpsCenter.Server.CitizenReports;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.Server.Tests.Kpis;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// The rollups wired by hand on a real InfluxDB 1.6 (started per test class) and the Server tests' real PostgreSQL,
/// over the two-area KPI test city, with a clock the test sets. Raw retention is infinite here: the tests write
/// readings of November 2026 whatever the day they run.
/// </summary>
public sealed class RollupRig : IAsyncDisposable
{
    private RollupRig(InfluxDbServer influx, NpgsqlDataSource postgres, ManualClock clock, InfluxOptions influxOptions, RollupOptions options)
    {
        Influx = influx;
        Postgres = postgres;
        Clock = clock;
        var inventory = KpiTestCity.Create();
        InfluxOptions = Options.Create(influxOptions);
        Query = new InfluxQlClient(new HttpClient(), InfluxOptions);
        Bootstrap = new InfluxBootstrap(Query, InfluxOptions, NullLogger<InfluxBootstrap>.Instance);
        var rollupOptions = Options.Create(options);
        Store = new RollupStore(new PointWriter(InfluxOptions), Query, InfluxOptions, rollupOptions);
        Archive = new CaseReceiptArchive(postgres);
        Runner = new RollupRunner(new RawRollup(Query, inventory, Archive), Store, inventory, NullLogger<RollupRunner>.Instance);
        Marks = new TouchedHourStore(postgres);
        Retention = new RollupRetention(Bootstrap, rollupOptions, NullLogger<RollupRetention>.Instance);
        Job = new RollupJob(Runner, Marks, Archive, Retention, clock, rollupOptions, NullLogger<RollupJob>.Instance);
        LateMarks = new LateReadingMarks(Marks, clock, rollupOptions, NullLogger<LateReadingMarks>.Instance);
        Indicators = new RollupIndicatorSource(Store, new ReportFigures(postgres), inventory);
    }

    public InfluxDbServer Influx { get; }
    public NpgsqlDataSource Postgres { get; }
    public ManualClock Clock { get; }
    public IOptions<InfluxOptions> InfluxOptions { get; }
    public InfluxQlClient Query { get; }
    public InfluxBootstrap Bootstrap { get; }
    public RollupStore Store { get; }
    public CaseReceiptArchive Archive { get; }
    public RollupRunner Runner { get; }
    public TouchedHourStore Marks { get; }
    public RollupRetention Retention { get; }
    public RollupJob Job { get; }
    public LateReadingMarks LateMarks { get; }
    public RollupIndicatorSource Indicators { get; }

    public static async Task<RollupRig> StartAsync(ServerFixture server, DateTimeOffset now, string rawRetention = "INF")
    {
        var influx = await InfluxDbServer.StartNewAsync(cancellationToken: TestContext.Current.CancellationToken);
        var influxOptions = new InfluxOptions { Url = influx.Url.ToString(), Database = "opscenter", RawRetention = rawRetention };
        var rig = new RollupRig(influx, NpgsqlDataSource.Create(server.Postgres.ConnectionString), new ManualClock(now), influxOptions, new RollupOptions());
        await rig.Retention.EnsureAsync(TestContext.Current.CancellationToken);
        return rig;
    }

    public async Task WriteRawAsync(params string[] lines)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Influx.Url, "write?db=opscenter&precision=ns"), new StringContent(string.Join('\n', lines)),
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Every stored rollup point of a policy, as text, to compare two runs.</summary>
    public async Task<string> DumpAsync(string policy)
    {
        var device = await Store.ReadAsync(policy, RollupFields.DeviceMeasurement, DateTimeOffset.UnixEpoch, Clock.GetUtcNow().AddDays(2), null, CancellationToken.None);
        var area = await Store.ReadAsync(policy, RollupFields.AreaMeasurement, DateTimeOffset.UnixEpoch, Clock.GetUtcNow().AddDays(2), null, CancellationToken.None);
        return string.Join('\n', device.Concat(area).Select(p =>
            $"{p.Start:O} {p.Device} {p.Area} {p.Kind} " + string.Join(',', p.Totals.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}={f.Value:R}")))));
    }

    public async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await Influx.DisposeAsync();
    }
}
