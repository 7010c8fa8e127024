using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Bench.Rules;

/// <summary>
/// 10,000 devices in 20 areas (6,000 traffic detectors, 3,000 cameras, 1,000 office counters) and a deterministic stream
/// of the readings Ingest would store for them. Values are drawn so that some rules breach now and then: a rule set
/// that never fires would measure only the cheap early-outs.
/// </summary>
internal static class BenchCity
{
    public const int Areas = 20;
    public const int Devices = 10_000;

    public static string AreaId(int i) => $"area-{i:D2}";

    public static string DeviceId(int i) => i switch
    {
        < 6_000 => $"tfd-{i:D5}",
        < 9_000 => $"cam-{i:D5}",
        _ => $"q-{i:D5}",
    };

    public static CityInventory Create() => new()
    {
        City = "bench", TimeZone = "Asia/Ho_Chi_Minh",
        Areas = [.. Enumerable.Range(0, Areas).Select(a => new Area { Id = AreaId(a), Name = AreaId(a), Lat = 20.8, Lon = 106.6 })],
        Devices = [.. Enumerable.Range(0, Devices).Select(i => new DeviceRecord
        {
            Id = DeviceId(i), Name = DeviceId(i), AreaId = AreaId(i % Areas), Lat = 20.8, Lon = 106.6,
            Kind = i switch { < 6_000 => "traffic", < 9_000 => "camera", _ => "counter" },
        })],
    };

    /// <summary>
    /// <paramref name="count"/> readings, device after device round the city, stamped as if they arrived at
    /// <paramref name="ratePerSecond"/>: durations in the rules run on these stamps, so they must pass as they would live.
    /// </summary>
    public static StoredReading[] Readings(int count, double ratePerSecond, DateTimeOffset start)
    {
        var random = new Random(42);
        var readings = new StoredReading[count];
        for (var n = 0; n < count; n++)
        {
            var i = random.Next(Devices);
            var ts = start + TimeSpan.FromSeconds(n / ratePerSecond);
            readings[n] = i switch
            {
                < 6_000 => Traffic(DeviceId(i), ts, n, random),
                < 9_000 => random.Next(100) == 0 ? CameraEvent(DeviceId(i), ts, n, random) : Camera(DeviceId(i), ts, n, random),
                _ => Counter(DeviceId(i), ts, n, random),
            };
        }
        return readings;
    }

    private static StoredReading Traffic(string id, DateTimeOffset ts, long seq, Random random) => new()
    {
        DeviceId = id, Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = seq,
        Numbers = new()
        {
            [TrafficTelemetryFields.AverageVehicleSpeed] = random.Next(3, 70), [TrafficTelemetryFields.LaneId] = random.Next(1, 3),
            [TrafficTelemetryFields.Occupancy] = random.NextDouble(), [TrafficTelemetryFields.Intensity] = random.Next(0, 60),
            [TrafficTelemetryFields.PeriodSeconds] = 30,
        },
    };

    private static StoredReading Camera(string id, DateTimeOffset ts, long seq, Random random) => new()
    {
        DeviceId = id, Kind = DeviceKind.Camera, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = seq,
        Numbers = new()
        {
            [CameraTelemetryFields.Fps] = random.Next(5, 31), [CameraTelemetryFields.BitrateKbps] = 4000,
            [CameraTelemetryFields.StorageFreePct] = random.Next(1, 100), [CameraTelemetryFields.PeopleCount] = random.Next(0, 50),
            [CameraTelemetryFields.VehicleCount] = random.Next(0, 50),
        },
    };

    private static StoredReading CameraEvent(string id, DateTimeOffset ts, long seq, Random random) => new()
    {
        DeviceId = id, Kind = DeviceKind.Camera, Channel = DeviceChannel.Event, Ts = ts, Seq = seq,
        EventType = CameraEventTypes.All[random.Next(CameraEventTypes.All.Count)],
        Texts = new() { [CameraEventFields.Severity] = Severities.All[random.Next(Severities.All.Count)] },
    };

    private static StoredReading Counter(string id, DateTimeOffset ts, long seq, Random random) => new()
    {
        DeviceId = id, Kind = DeviceKind.Counter, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = seq,
        Numbers = new() { [CounterTelemetryFields.Waiting] = random.Next(0, 40), [CounterTelemetryFields.CountersOpen] = random.Next(1, 6) },
    };
}
