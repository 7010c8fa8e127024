using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Server.Wall;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Tests.Wall;

/// <summary>A restarted Server reads each detector's and office's latest reading back from a real InfluxDB.</summary>
public sealed class LatestReadingsRecoveryTests
{
    [Fact]
    public async Task Latest_readings_within_the_live_window_come_back_and_older_ones_do_not()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: cancel);
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(influx.Url, "query?q=CREATE%20DATABASE%20opscenter"), null, cancel)).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow;
        long Ns(DateTimeOffset t) => t.ToUnixTimeMilliseconds() * 1_000_000;
        var lines = string.Join('\n',
            // Detector tfd-a-1, lane 1: an older and a newer reading; only the newer one counts.
            $"traffic_telemetry,device=tfd-a-1,area=a,lane=1 averageVehicleSpeed=20,congested=false,seq=1i,late=false {Ns(now.AddMinutes(-3))}",
            $"traffic_telemetry,device=tfd-a-1,area=a,lane=1 averageVehicleSpeed=35.5,congested=true,seq=2i,late=false {Ns(now.AddMinutes(-1))}",
            // Detector tfd-b-1 reported only before the live window: it must not come back as live.
            $"traffic_telemetry,device=tfd-b-1,area=b,lane=1 averageVehicleSpeed=50,congested=false,seq=1i,late=false {Ns(now.AddMinutes(-30))}",
            $"counter_telemetry,device=q-a-1,area=a,serviceStatus=open waiting=12,countersOpen=3,seq=5i,late=false {Ns(now.AddMinutes(-2))}");
        (await http.PostAsync(new Uri(influx.Url, "write?db=opscenter&precision=ns"), new StringContent(lines), cancel)).EnsureSuccessStatusCode();

        var state = new LiveCityState(City(), TimeProvider.System);
        var client = new InfluxQlClient(new HttpClient(), Microsoft.Extensions.Options.Options.Create(new InfluxOptions { Url = influx.Url.ToString(), Database = "opscenter" }));
        await new LatestReadingsRecovery(state, client, [], NullLogger<LatestReadingsRecovery>.Instance).RestoreAsync(cancel);

        var wall = WallSnapshotBuilder.Build(state.Capture(), state.Inventory.Areas);
        Assert.Equal(1, wall.DetectorsReporting);
        Assert.Equal(35.5, wall.AverageSpeedKmh);
        Assert.Equal(1, wall.CongestedDetectors);
        Assert.Equal(12, wall.PeopleWaiting);
        Assert.Equal(1, wall.OfficesOpen);
        Assert.Equal(0, wall.ReadingsStored); // read back, not stored now
    }

    [Fact]
    public async Task An_unreachable_store_leaves_the_state_empty_without_throwing()
    {
        var state = new LiveCityState(City(), TimeProvider.System);
        var client = new InfluxQlClient(new HttpClient { Timeout = TimeSpan.FromSeconds(2) },
            Microsoft.Extensions.Options.Options.Create(new InfluxOptions { Url = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}", Database = "opscenter" }));
        await new LatestReadingsRecovery(state, client, [], NullLogger<LatestReadingsRecovery>.Instance).RestoreAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, WallSnapshotBuilder.Build(state.Capture(), state.Inventory.Areas).DetectorsReporting);
    }

    private static CityInventory City() => new()
    {
        City = "test", TimeZone = "Asia/Ho_Chi_Minh",
        Areas = [new Area { Id = "a", Name = "A", Lat = 0, Lon = 0 }, new Area { Id = "b", Name = "B", Lat = 0, Lon = 0 }],
        Devices =
        [
            new DeviceRecord { Id = "tfd-a-1", Kind = "traffic", Name = "t", AreaId = "a", Lat = 0, Lon = 0 },
            new DeviceRecord { Id = "tfd-b-1", Kind = "traffic", Name = "t", AreaId = "b", Lat = 0, Lon = 0 },
            new DeviceRecord { Id = "q-a-1", Kind = "counter", Name = "q", AreaId = "a", Lat = 0, Lon = 0 },
        ],
    };
}
