using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Server.Devices;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Tests.Devices;

/// <summary>A device's history read with InfluxQL from a real InfluxDB: bucketed, averaged over lanes, aligned, gaps null.</summary>
public sealed class DeviceHistoryTests
{
    private static readonly long FiveMinutesMs = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    [Fact]
    public async Task Traffic_history_averages_lanes_per_five_minutes_over_24_hours_with_gaps_left_empty()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: cancel);
        var now = DateTimeOffset.UtcNow;
        var twoHoursAgo = now.AddHours(-2);
        await WriteAsync(influx, cancel,
            // Two lanes in the same bucket: the detector's value is their mean.
            $"traffic_telemetry,device=tfd-a-1,area=a,lane=1 averageVehicleSpeed=30,intensity=10,occupancy=0.2,seq=1i {Ns(twoHoursAgo)}",
            $"traffic_telemetry,device=tfd-a-1,area=a,lane=2 averageVehicleSpeed=40,intensity=20,occupancy=0.4,seq=2i {Ns(twoHoursAgo)}",
            // Another detector and a reading older than the span must not appear.
            $"traffic_telemetry,device=tfd-b-1,area=b,lane=1 averageVehicleSpeed=99,intensity=99,occupancy=0.9,seq=1i {Ns(twoHoursAgo)}",
            $"traffic_telemetry,device=tfd-a-1,area=a,lane=1 averageVehicleSpeed=5,intensity=1,occupancy=0.9,seq=0i {Ns(now.AddHours(-30))}");

        var history = await Reader(influx).ReadAsync(Device("tfd-a-1", "traffic"), 24, cancel);

        Assert.Equal(5, history.BucketMinutes);
        Assert.InRange(history.Times.Count, 288, 289);
        Assert.All(history.Times.Zip(history.Times.Skip(1)), p => Assert.Equal(FiveMinutesMs, p.Second - p.First));
        var slot = history.Times.ToList().IndexOf(twoHoursAgo.ToUnixTimeMilliseconds() / FiveMinutesMs * FiveMinutesMs);
        Assert.True(slot >= 0, "the reading's bucket is on the timeline");
        var speed = history.Series.Single(s => s.Field == "averageVehicleSpeed");
        Assert.Equal(35, speed.Values[slot]);
        Assert.Equal(15, history.Series.Single(s => s.Field == "intensity").Values[slot]);
        Assert.Equal(0.3, history.Series.Single(s => s.Field == "occupancy").Values[slot]!.Value, 6);
        Assert.Equal(1, speed.Values.Count(v => v is not null));
        Assert.Equal("km/h", speed.Unit);
    }

    [Fact]
    public async Task Camera_history_shows_online_as_one_or_zero_and_counts_events()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: cancel);
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        await WriteAsync(influx, cancel,
            $"camera_telemetry,device=cam-a-1,area=a online=true,recording=false,fps=25,seq=1i {Ns(hourAgo)}",
            $"camera_event,device=cam-a-1,area=a,type=motion,severity=info confidence=0.9,seq=2i {Ns(hourAgo)}",
            $"camera_event,device=cam-a-1,area=a,type=tamper,severity=major confidence=0.8,seq=3i {Ns(hourAgo.AddSeconds(1))}");

        var history = await Reader(influx).ReadAsync(Device("cam-a-1", "camera"), 6, cancel);

        Assert.Equal(1, history.Series.Single(s => s.Field == "online").Values.Single(v => v is not null));
        Assert.Equal(0, history.Series.Single(s => s.Field == "recording").Values.Single(v => v is not null));
        Assert.Equal(2, history.Series.Single(s => s.Field == "events").Values.Single(v => v is not null));
    }

    [Fact]
    public async Task A_device_that_never_reported_has_a_full_timeline_of_nulls()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: cancel);
        await WriteAsync(influx, cancel, $"counter_telemetry,device=q-other,area=a waiting=3,countersOpen=1,seq=1i {Ns(DateTimeOffset.UtcNow.AddHours(-1))}");

        var history = await Reader(influx).ReadAsync(Device("q-a-1", "counter"), 168, cancel);

        Assert.Equal(15, history.BucketMinutes);
        Assert.Equal(["waiting", "countersOpen"], history.Series.Select(s => s.Field));
        Assert.All(history.Series, s => Assert.All(s.Values, v => Assert.Null(v)));
        Assert.All(history.Series, s => Assert.Equal(history.Times.Count, s.Values.Count));
    }

    private static long Ns(DateTimeOffset t) => t.ToUnixTimeMilliseconds() * 1_000_000;

    private static async Task WriteAsync(InfluxDbServer influx, CancellationToken cancel, params string[] lines)
    {
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(influx.Url, "query?q=CREATE%20DATABASE%20opscenter"), null, cancel)).EnsureSuccessStatusCode();
        (await http.PostAsync(new Uri(influx.Url, "write?db=opscenter&precision=ns"), new StringContent(string.Join('\n', lines)), cancel))
            .EnsureSuccessStatusCode();
    }

    private static DeviceHistory Reader(InfluxDbServer influx) => new(
        new InfluxQlClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(new InfluxOptions { Url = influx.Url.ToString(), Database = "opscenter" })),
        TimeProvider.System);

    private static DeviceRecord Device(string id, string kind) => new() { Id = id, Kind = kind, Name = id, AreaId = "a", Lat = 0, Lon = 0 };
}
