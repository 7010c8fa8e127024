using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Tests.Kpis;

/// <summary>A two-area city, a clock the test moves, and builders for the readings Ingest would store.</summary>
public static class KpiTestCity
{
    public static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, Hanoi);

    /// <summary>A point's time as Ingest's PointMapper stamps it: ts in ms plus seq mod 10⁶ ns.</summary>
    public static long Ns(DateTimeOffset ts, long seq) => (ts.ToUnixTimeMilliseconds() * 1_000_000) + (seq % 1_000_000);

    /// <summary>A time as a contract field (RFC 3339, UTC), e.g. a case's <c>dueAt</c>.</summary>
    public static string Utc(DateTimeOffset t) => t.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static CityInventory Create() => new()
    {
        City = "test", TimeZone = "Asia/Ho_Chi_Minh",
        Areas = [new Area { Id = "a", Name = "A", Lat = 0, Lon = 0 }, new Area { Id = "b", Name = "B", Lat = 0, Lon = 0 }],
        Devices =
        [
            Device("cam-a-1", "camera", "a"), Device("cam-a-2", "camera", "a"), Device("cam-b-1", "camera", "b"),
            Device("tfd-a-1", "traffic", "a", freeFlow: "50"), Device("tfd-b-1", "traffic", "b", freeFlow: "60"),
            Device("tfd-b-2", "traffic", "b"),
            Device("q-a-1", "counter", "a"), Device("q-b-1", "counter", "b"),
        ],
    };

    public static (KpiEngine Engine, LiveCityState State, ManualClock Clock) Engine(DateTimeOffset now)
    {
        var clock = new ManualClock(now);
        var state = new LiveCityState(Create(), clock);
        return (new KpiEngine(state, clock), state, clock);
    }

    private static long _seq;

    public static StoredReading Ticket(string type, string ticketId, DateTimeOffset ts, string device = "q-a-1") =>
        Event(device, type, ts, texts: new() { ["ticketId"] = ticketId });

    public static StoredReading CaseReceived(string caseId, DateTimeOffset ts, DateTimeOffset dueAt, string channel, string device = "q-a-1") =>
        Event(device, "caseReceived", ts, texts: new()
        {
            ["caseId"] = caseId, ["serviceId"] = "land-use", ["channel"] = channel,
            ["dueAt"] = dueAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });

    public static StoredReading CaseResolved(string caseId, DateTimeOffset ts, string device = "q-a-1") =>
        Event(device, "caseResolved", ts, texts: new() { ["caseId"] = caseId });

    public static StoredReading Rating(long score, DateTimeOffset ts, string device = "q-a-1") =>
        Event(device, "rating", ts, texts: new() { ["ticketId"] = "any" }, numbers: new() { ["score"] = score });

    public static StoredReading Traffic(string id, int lane, double speed, double occupancy, long intensity, long period, DateTimeOffset ts) => new()
    {
        DeviceId = id, Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = Interlocked.Increment(ref _seq),
        Numbers = new()
        {
            ["averageVehicleSpeed"] = speed, ["laneId"] = lane, ["occupancy"] = occupancy, ["intensity"] = intensity, ["periodSeconds"] = period,
        },
    };

    public static StoredReading Camera(string id, bool recording, DateTimeOffset ts) => new()
    {
        DeviceId = id, Kind = DeviceKind.Camera, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = Interlocked.Increment(ref _seq),
        Flags = new() { ["online"] = true, ["recording"] = recording }, Numbers = new() { ["fps"] = 25, ["bitrateKbps"] = 4096 },
    };

    public static StoredReading Office(string id, long waiting, string status, DateTimeOffset ts) => new()
    {
        DeviceId = id, Kind = DeviceKind.Counter, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = Interlocked.Increment(ref _seq),
        Numbers = new() { ["waiting"] = waiting, ["countersOpen"] = 2 }, Texts = new() { ["serviceStatus"] = status },
    };

    public static DeviceLivenessChanged Liveness(string id, string state, DateTimeOffset at) =>
        new() { DeviceId = id, Kind = "camera", State = state, At = at, Reason = LivenessReasons.Status };

    private static StoredReading Event(string device, string type, DateTimeOffset ts, Dictionary<string, string> texts, Dictionary<string, double>? numbers = null) => new()
    {
        DeviceId = device, Kind = DeviceKind.Counter, Channel = DeviceChannel.Event, EventType = type, Ts = ts,
        Seq = Interlocked.Increment(ref _seq), Texts = texts, Numbers = numbers ?? [],
    };

    private static DeviceRecord Device(string id, string kind, string area, string? freeFlow = null) => new()
    {
        Id = id, Kind = kind, Name = id, AreaId = area, Lat = 0, Lon = 0,
        Attributes = freeFlow is null ? [] : new() { [DeviceAttributes.FreeFlowSpeedKmh] = freeFlow },
    };
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
