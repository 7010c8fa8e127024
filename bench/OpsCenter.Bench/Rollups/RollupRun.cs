using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.Bench.Live;
using OpsCenter.Bench.Measuring;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.TimeSeries;

namespace OpsCenter.Bench.Rollups;

/// <summary>
/// Rolling up one city day for 10,000 devices reporting once a minute, on a real InfluxDB 1.6 the run starts: 5,000
/// cameras, 4,000 one-lane traffic detectors and 1,000 offices (one ticket event a minute each: issued, called, served
/// in turn), 14.4 million raw points. Measured: the whole recompute of the day's 24 hours and the day itself (what the
/// nightly sweep does per day), with the bench's and influxd's CPU and memory, and reading the day's trend back.
/// </summary>
internal static class RollupRun
{
    private const int Cameras = 5_000;
    private const int Detectors = 4_000;
    private const int Offices = 1_000;
    private const int Areas = 10;
    private const int LinesPerWrite = 20_000;

    public static async Task<IEnumerable<string>> MeasureAsync(int hours = 24)
    {
        var day = new DateOnly(2026, 11, 10);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
        var inventory = City();
        await using var influx = await InfluxDbServer.StartNewAsync();
        var influxOptions = Options.Create(new InfluxOptions { Url = influx.Url.ToString(), Database = "opscenter", RawRetention = "INF" });
        var query = new InfluxQlClient(new HttpClient { Timeout = TimeSpan.FromMinutes(5) }, influxOptions);
        var bootstrap = new InfluxBootstrap(query, influxOptions, NullLogger<InfluxBootstrap>.Instance);
        var rollupOptions = Options.Create(new RollupOptions());
        await new RollupRetention(bootstrap, rollupOptions, NullLogger<RollupRetention>.Instance).EnsureAsync(CancellationToken.None);

        var written = Stopwatch.StartNew();
        var points = await WriteDayAsync(influx.Url, inventory, start, hours);
        written.Stop();

        // A day's rollup writes are large: a longer timeout than the services' default.
        using var writer = new PointWriter(Options.Create(new InfluxOptions { Url = influx.Url.ToString(), Database = "opscenter", TimeoutSeconds = 300 }));
        var store = new RollupStore(writer, query, influxOptions, rollupOptions);
        var runner = new RollupRunner(new RawRollup(query, inventory), store, inventory, NullLogger<RollupRunner>.Instance);
        var hourStarts = Enumerable.Range(0, hours).Select(h => start.AddHours(h)).ToList();
        var now = start.AddDays(2);

        var report = new List<string>
        {
            $"rollups: {Cameras + Detectors + Offices:N0} devices ({Cameras:N0} cameras, {Detectors:N0} detectors, {Offices:N0} offices) in {Areas} areas, " +
            $"once a minute for {hours} h = {points:N0} raw points, written in {written.Elapsed.TotalSeconds:N0} s ({points / written.Elapsed.TotalSeconds:N0} points/s, not the figure measured)",
        };
        // One pass by default: a second one (the same points rewritten) cost about the same (docs/benchmarks.md).
        foreach (var pass in new[] { "run" })
        {
            GC.Collect();
            var load = ProcessCpu.LoadAverage();
            var benchCpu = ProcessCpu.Used(Environment.ProcessId);
            var influxCpu = ProcessCpu.Used(influx.Pid!.Value);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            var devicePoints = await runner.RecomputeAsync(hourStarts, now, CancellationToken.None);
            wall.Stop();
            var bench = ProcessCpu.Used(Environment.ProcessId) - benchCpu;
            var server = ProcessCpu.Used(influx.Pid!.Value) - influxCpu;
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"rollups: {pass}: {hours} hours + the day in {wall.Elapsed.TotalSeconds:N1} s wall; CPU bench {bench.TotalSeconds:N1} s + influxd {server.TotalSeconds:N1} s; " +
                $"{devicePoints:N0} hourly device points; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:N0} MB; " +
                $"bench peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB, influxd RSS {ResidentMemory.Megabytes(influx.Pid!.Value):N0} MB; load before {load}"));
        }

        var read = Stopwatch.StartNew();
        // The speed trend reads only the rollups: no PostgreSQL (citizen reports) behind this source.
        var table = await new RollupIndicatorSource(store, null!, inventory).TrendAsync(
            Server.Leaders.Indicators.IndicatorCatalog.AverageSpeedKmh, null, Server.Leaders.Indicators.CityDays.Day(day), Server.Leaders.Indicators.IndicatorGrain.Hour, CancellationToken.None);
        read.Stop();
        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"rollups: reading the day's hourly city trend back: {read.Elapsed.TotalMilliseconds:N0} ms ({table.Count(p => p.Value is not null)} hours with a value)"));
        return report;
    }

    private static CityInventory City()
    {
        var devices = new List<DeviceRecord>();
        for (var i = 0; i < Cameras; i++)
            devices.Add(Device($"cam-{i}", "camera", i, 60));
        for (var i = 0; i < Detectors; i++)
            devices.Add(Device($"tfd-{i}", "traffic", i, 60) with { Attributes = new() { [DeviceAttributes.FreeFlowSpeedKmh] = "50" } });
        for (var i = 0; i < Offices; i++)
            devices.Add(Device($"q-{i}", "counter", i, 60));
        return new CityInventory
        {
            City = "bench", TimeZone = "Asia/Ho_Chi_Minh",
            Areas = [.. Enumerable.Range(0, Areas).Select(a => new Area { Id = $"area-{a}", Name = $"Area {a}", Lat = 0, Lon = 0 })],
            Devices = devices,
        };
    }

    private static DeviceRecord Device(string id, string kind, int i, int interval) => new()
    {
        Id = id, Kind = kind, Name = id, AreaId = $"area-{i % Areas}", Lat = 0, Lon = 0, ReportingIntervalSeconds = interval,
    };

    /// <summary>Every device once a minute, written as Ingest's PointMapper would; two writers in parallel.</summary>
    private static async Task<long> WriteDayAsync(Uri url, CityInventory inventory, DateTimeOffset start, int hours)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var write = new Uri(url, "write?db=opscenter&precision=ns");
        long points = 0;
        var minutes = hours * 60;
        await Parallel.ForEachAsync(Enumerable.Range(0, minutes).Chunk(Math.Max(1, LinesPerWrite / inventory.Devices.Count)), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (chunk, ct) =>
            {
                var body = new StringBuilder(LinesPerWrite * 130);
                foreach (var minute in chunk)
                {
                    var ns = start.AddMinutes(minute).AddSeconds(7).ToUnixTimeMilliseconds() * 1_000_000;
                    foreach (var d in inventory.Devices)
                    {
                        var seq = minute;
                        switch (d.Kind)
                        {
                            case "camera":
                                // One camera in fifty is down for the first quarter of every hour.
                                var online = !(int.Parse(d.Id.AsSpan(4), CultureInfo.InvariantCulture) % 50 == 0 && minute % 60 < 15);
                                body.Append(CultureInfo.InvariantCulture, $"camera_telemetry,device={d.Id},area={d.AreaId} online={(online ? "true" : "false")},recording=true,fps=25,bitrateKbps=4096,seq={seq}i,late=false {ns + seq}\n");
                                break;
                            case "traffic":
                                var speed = 20 + ((minute + d.Id.Length) % 40);
                                body.Append(CultureInfo.InvariantCulture, $"traffic_telemetry,device={d.Id},area={d.AreaId},lane=1 averageVehicleSpeed={speed},occupancy=0.2,intensity=12i,periodSeconds=60i,congested={(speed < 22 ? "true" : "false")},seq={seq}i,late=false {ns + seq}\n");
                                break;
                            default:
                                var (type, ticket) = ((minute % 3) switch { 0 => "ticketIssued", 1 => "ticketCalled", _ => "ticketServed" }, minute / 3);
                                body.Append(CultureInfo.InvariantCulture, $"counter_event,device={d.Id},area={d.AreaId},type={type} ticketId=\"T-{ticket}\",seq={seq}i,late=false {ns + seq}\n");
                                break;
                        }
                    }
                    Interlocked.Add(ref points, inventory.Devices.Count);
                }
                using var response = await http.PostAsync(write, new StringContent(body.ToString()), ct);
                response.EnsureSuccessStatusCode();
            });
        return points;
    }
}
