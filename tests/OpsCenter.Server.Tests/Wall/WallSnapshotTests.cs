using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Tests.Wall;

/// <summary>The wall's KPIs from what Ingest stored: one per device kind, city-wide and per area.</summary>
public sealed class WallSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private readonly FixedClock _clock = new(Now);
    private readonly LiveCityState _state;

    public WallSnapshotTests() => _state = new LiveCityState(City(), _clock);

    [Fact]
    public void Cameras_online_counts_online_and_degraded_cameras_of_the_inventory()
    {
        _state.Apply(Liveness("cam-a-1", "online"));
        _state.Apply(Liveness("cam-a-2", "degraded"));
        _state.Apply(Liveness("cam-b-1", "offline"));
        var wall = Snapshot();
        Assert.Equal((2, 3), (wall.CamerasOnline, wall.CamerasTotal));
        Assert.Equal((2, 2), (wall.Areas.Single(a => a.AreaId == "a").CamerasOnline, wall.Areas.Single(a => a.AreaId == "a").CamerasTotal));
    }

    [Fact]
    public void Device_states_name_every_inventory_device_and_unknown_until_heard_from()
    {
        _state.Apply(Liveness("cam-a-1", "online"));
        _state.Apply(Liveness("cam-b-1", "offline"));
        var states = Snapshot().DeviceStates;
        Assert.Equal(_state.Inventory.Devices.Select(d => d.Id).Order(), states.Keys.Order());
        Assert.Equal(("online", "offline", "unknown"), (states["cam-a-1"], states["cam-b-1"], states["cam-a-2"]));
    }

    [Fact]
    public void Average_speed_weighs_each_detector_once_whatever_its_lanes()
    {
        _state.Apply(Traffic("tfd-a-1", 10, lane: 1, Now));
        _state.Apply(Traffic("tfd-a-1", 30, lane: 2, Now)); // detector mean 20
        _state.Apply(Traffic("tfd-b-1", 40, lane: 1, Now, congested: true));
        var wall = Snapshot();
        Assert.Equal(30, wall.AverageSpeedKmh);
        Assert.Equal((1, 2), (wall.CongestedDetectors, wall.DetectorsReporting));
    }

    [Fact]
    public void A_late_reading_never_replaces_a_newer_one()
    {
        _state.Apply(Traffic("tfd-a-1", 50, lane: 1, Now));
        _state.Apply(Traffic("tfd-a-1", 5, lane: 1, Now.AddMinutes(-3)) with { Late = true });
        Assert.Equal(50, Snapshot().AverageSpeedKmh);
    }

    [Fact]
    public void Readings_older_than_the_live_window_drop_out()
    {
        _state.Apply(Traffic("tfd-a-1", 50, lane: 1, Now.AddMinutes(-11)));
        _state.Apply(Office("q-a-1", waiting: 9, Now.AddMinutes(-11)));
        var wall = Snapshot();
        Assert.Null(wall.AverageSpeedKmh);
        Assert.Equal(0, wall.PeopleWaiting);
    }

    [Fact]
    public void People_waiting_and_offices_open_sum_the_latest_queue_of_each_office()
    {
        _state.Apply(Office("q-a-1", waiting: 4, Now.AddSeconds(-30)));
        _state.Apply(Office("q-a-1", waiting: 7, Now));
        _state.Apply(Office("q-b-1", waiting: 5, Now, status: "closed"));
        var wall = Snapshot();
        Assert.Equal(12, wall.PeopleWaiting);
        Assert.Equal(1, wall.OfficesOpen);
        Assert.Equal(7, wall.Areas.Single(a => a.AreaId == "a").PeopleWaiting);
    }

    private Contracts.Hubs.WallSnapshot Snapshot() => WallSnapshotBuilder.Build(_state.Capture(), _state.Inventory.Areas);

    private static CityInventory City() => new()
    {
        City = "test", TimeZone = "Asia/Ho_Chi_Minh",
        Areas = [new Area { Id = "a", Name = "A", Lat = 0, Lon = 0 }, new Area { Id = "b", Name = "B", Lat = 0, Lon = 0 }],
        Devices =
        [
            Device("cam-a-1", "camera", "a"), Device("cam-a-2", "camera", "a"), Device("cam-b-1", "camera", "b"),
            Device("tfd-a-1", "traffic", "a"), Device("tfd-b-1", "traffic", "b"),
            Device("q-a-1", "counter", "a"), Device("q-b-1", "counter", "b"),
        ],
    };

    private static DeviceRecord Device(string id, string kind, string area) => new() { Id = id, Kind = kind, Name = id, AreaId = area, Lat = 0, Lon = 0 };

    private static DeviceLivenessChanged Liveness(string id, string state) => new() { DeviceId = id, Kind = "camera", State = state, At = Now, Reason = "status" };

    private static StoredReading Traffic(string id, double speed, int lane, DateTimeOffset ts, bool congested = false) => new()
    {
        DeviceId = id, Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = 1,
        Numbers = new() { ["averageVehicleSpeed"] = speed, ["laneId"] = lane }, Flags = new() { ["congested"] = congested },
    };

    private static StoredReading Office(string id, long waiting, DateTimeOffset ts, string status = "open") => new()
    {
        DeviceId = id, Kind = DeviceKind.Counter, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = 1,
        Numbers = new() { ["waiting"] = waiting, ["countersOpen"] = 3 }, Texts = new() { ["serviceStatus"] = status },
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
