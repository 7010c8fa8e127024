using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Ingest.Liveness;
using OpsCenter.Ingest.Registry;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class LivenessTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
    private readonly LivenessTracker _tracker;

    public LivenessTrackerTests()
    {
        var inventory = new CityInventory
        {
            City = "test", TimeZone = "Asia/Ho_Chi_Minh",
            Areas = [new Area { Id = "a", Name = "A", Lat = 0, Lon = 0 }],
            Devices = [new DeviceRecord { Id = "cam-1", Kind = "camera", Name = "c", AreaId = "a", Lat = 0, Lon = 0, ReportingIntervalSeconds = 10 }],
        };
        _tracker = new LivenessTracker(new DeviceRegistry(inventory, Options.Create(new IngestOptions())));
    }

    [Fact]
    public void Online_status_makes_a_device_online_once()
    {
        var first = _tracker.Observe(Status("online", 0), T0);
        Assert.Equal("online", first!.State);
        Assert.Equal("status", first.Reason);
        Assert.Null(_tracker.Observe(Status("online", 1), T0.AddSeconds(1)));
    }

    [Fact]
    public void Last_will_takes_the_device_offline_at_delivery_time_not_at_its_ts()
    {
        _tracker.Observe(Status("online", 0), T0);
        var will = Status("offline", 99) with { Ts = T0.AddHours(-3) }; // composed at connect time
        var change = _tracker.Observe(will, T0.AddMinutes(5));
        Assert.Equal("offline", change!.State);
        Assert.Equal(T0.AddMinutes(5), change.At);
    }

    [Fact]
    public void A_reading_made_before_the_devices_offline_status_and_delivered_after_it_does_not_bring_it_back()
    {
        _tracker.Observe(Status("online", 0), T0);
        _tracker.Observe(Status("offline", 2) with { Ts = T0.AddSeconds(20) }, T0.AddSeconds(21));

        // Resent from the device's outbox after a reconnect: measured at +10 s, before it said offline.
        Assert.Null(_tracker.Observe(Telemetry(1) with { Ts = T0.AddSeconds(10) }, T0.AddSeconds(40)));
        Assert.True(_tracker.TryGet("cam-1", out var liveness));
        Assert.Equal("offline", liveness.State);

        var back = _tracker.Observe(Telemetry(3) with { Ts = T0.AddSeconds(50) }, T0.AddSeconds(50));
        Assert.Equal(("online", "traffic"), (back!.State, back.Reason));
    }

    [Fact]
    public void A_retained_status_replayed_after_a_newer_live_one_does_not_undo_it()
    {
        // Before a broker restart: online at T0, and the broker keeps that as the retained copy.
        _tracker.Observe(Status("online", 0), T0);
        // After it: the camera's new 'offline' reaches Ingest live before the broker replays its old retained copy.
        _tracker.Observe(Status("offline", 5) with { Ts = T0.AddMinutes(2) }, T0.AddMinutes(2));

        Assert.Null(_tracker.Observe(Status("online", 0), T0.AddMinutes(2).AddSeconds(1), retainedReplay: true));
        Assert.True(_tracker.TryGet("cam-1", out var liveness));
        Assert.Equal("offline", liveness.State);
    }

    [Fact]
    public void A_retained_status_newer_than_anything_heard_is_taken()
    {
        _tracker.Observe(Telemetry(0), T0);
        // Said while Ingest's session was lost: the replay is the only way Ingest hears of it.
        var change = _tracker.Observe(Status("offline", 1) with { Ts = T0.AddSeconds(30) }, T0.AddMinutes(1), retainedReplay: true);
        Assert.Equal("offline", change!.State);
    }

    [Fact]
    public void A_retained_status_is_taken_for_a_device_not_heard_of_yet()
    {
        var change = _tracker.Observe(Status("offline", 1) with { Ts = T0.AddDays(-1) }, T0, retainedReplay: true);
        Assert.Equal("offline", change!.State);
    }

    [Fact]
    public void After_a_restart_a_retained_status_older_than_the_restored_state_is_not_taken()
    {
        _tracker.Restore([new DeviceLivenessChanged { DeviceId = "cam-1", Kind = "camera", State = "offline", At = T0.AddMinutes(10), Reason = "silence" }],
            T0.AddMinutes(20));
        Assert.Null(_tracker.Observe(Status("online", 0), T0.AddMinutes(20), retainedReplay: true));
        Assert.True(_tracker.TryGet("cam-1", out var liveness));
        Assert.Equal("offline", liveness.State);
    }

    [Fact]
    public void Silence_for_three_reporting_intervals_takes_a_device_offline()
    {
        _tracker.Observe(Telemetry(0), T0);
        Assert.Empty(_tracker.Sweep(T0.AddSeconds(30)));
        var changes = _tracker.Sweep(T0.AddSeconds(31));
        var change = Assert.Single(changes);
        Assert.Equal(("offline", "silence"), (change.State, change.Reason));
        Assert.Empty(_tracker.Sweep(T0.AddSeconds(60)));
    }

    [Fact]
    public void A_message_from_a_silent_device_brings_it_back_online()
    {
        _tracker.Observe(Telemetry(0), T0);
        _tracker.Sweep(T0.AddMinutes(5));
        var change = _tracker.Observe(Telemetry(1), T0.AddMinutes(6));
        Assert.Equal(("online", "traffic"), (change!.State, change.Reason));
    }

    [Fact]
    public void Degraded_status_stays_degraded_while_telemetry_flows()
    {
        _tracker.Observe(Status("degraded", 0), T0);
        Assert.Null(_tracker.Observe(Telemetry(1), T0.AddSeconds(5)));
        Assert.True(_tracker.TryGet("cam-1", out var liveness));
        Assert.Equal("degraded", liveness.State);
    }

    private static StoredReading Status(string state, long seq) => new()
    {
        DeviceId = "cam-1", Kind = DeviceKind.Camera, Channel = DeviceChannel.Status, Ts = T0, Seq = seq, Texts = new() { ["state"] = state },
    };

    private static StoredReading Telemetry(long seq) => new()
    {
        DeviceId = "cam-1", Kind = DeviceKind.Camera, Channel = DeviceChannel.Telemetry, Ts = T0, Seq = seq,
    };
}
