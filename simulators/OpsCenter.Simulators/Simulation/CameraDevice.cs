using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// A street or office-lobby camera with on-camera analytics: people and vehicle counts follow the
/// city's daily pattern, and now and then it raises an analytics or health event.
/// </summary>
internal sealed class CameraDevice : SimulatedDevice
{
    // About one event per camera every two hours keeps the demo's event list alive without flooding it.
    private const double EventsPerHour = 0.5;

    private readonly bool _inOffice;
    private readonly double _fps;
    private double _storageFreePct;
    private readonly List<CameraEvent> _pendingEvents = [];
    private readonly string? _snapshotBaseUrl;

    public CameraDevice(DeviceRecord record, DeviceSimulationSettings settings)
        : base(record, DeviceKind.Camera, settings)
    {
        _inOffice = record.Attributes.GetValueOrDefault("placement") == "office";
        _fps = _inOffice ? 15 : 25;
        _storageFreePct = Random.Between(25, 85);
        _snapshotBaseUrl = settings.SnapshotBaseUrl;
    }

    protected override string FirmwareVersion => "5.7.3";

    /// <summary>Lets a scenario make the camera report something specific (e.g. an accident at a junction).</summary>
    public void Raise(CameraEventType type, Severity severity, DateTimeOffset at, long? objectCount = null, double? confidence = null) =>
        _pendingEvents.Add(NewEvent(type, severity, at, objectCount, confidence));

    protected override IEnumerable<(DeviceChannel, DeviceMessage)> Measure(DateTimeOffset from, DateTimeOffset to)
    {
        var local = CityTime.ToLocal(to);
        var people = PeopleNow(local);
        var vehicles = _inOffice ? (long?)null : (long)Math.Round(DailyPattern.TrafficDemand(local) * 60 * Random.Noise(0.25));

        var hours = (to - from).TotalHours;
        if (Random.Chance(EventsPerHour * hours))
            _pendingEvents.Add(SpontaneousEvent(from + (to - from) * Random.NextDouble(), local, people));

        // Events raised for later stay pending: a device never reports what has not happened yet.
        var due = _pendingEvents.Where(e => e.Ts <= to).OrderBy(e => e.Ts).ToList();
        _pendingEvents.RemoveAll(due.Contains);
        foreach (var e in due)
            yield return (DeviceChannel.Event, e);

        // NVRs overwrite the oldest footage, so free space drifts within a band instead of reaching zero.
        _storageFreePct = Math.Clamp(_storageFreePct + Random.Between(-0.4, 0.35), 15, 90);
        yield return (DeviceChannel.Telemetry, new CameraTelemetry
        {
            DeviceId = Id,
            Ts = to,
            Seq = 0,
            Online = true,
            Fps = Math.Round(_fps * Random.Noise(0.02), 1),
            BitrateKbps = Math.Round((_inOffice ? 2048 : 4096) * Random.Noise(0.08)),
            Recording = true,
            StorageFreePct = Math.Round(_storageFreePct, 1),
            PeopleCount = people,
            VehicleCount = vehicles,
        });
    }

    private long PeopleNow(DateTimeOffset local)
    {
        var level = _inOffice ? DailyPattern.OfficeArrivals(local) : DailyPattern.PedestrianActivity(local);
        return (long)Math.Round(level * (_inOffice ? 35 : 45) * Random.Noise(0.3));
    }

    private CameraEvent SpontaneousEvent(DateTimeOffset at, DateTimeOffset local, long people)
    {
        var night = local.Hour is < 6 or >= 19;
        var choices = new List<(CameraEventType, double)>
        {
            (CameraEventType.Motion, night ? 4 : 2),
            (CameraEventType.Crowd, people > 25 ? 3 : 0.3),
            (CameraEventType.ImageTooDark, night ? 1 : 0.05),
            (CameraEventType.ImageTooBlurry, 0.4),
            (CameraEventType.Tamper, 0.1),
            (CameraEventType.VideoLoss, 0.1),
            (CameraEventType.StorageFailure, 0.03),
        };
        if (!_inOffice)
        {
            choices.Add((CameraEventType.LineCrossed, 1.5));
            choices.Add((CameraEventType.WrongWay, 0.6));
            choices.Add((CameraEventType.Accident, 0.05));
        }
        else
        {
            choices.Add((CameraEventType.Intrusion, night ? 0.5 : 0));
        }
        var type = Random.PickWeighted(choices);
        var severity = type switch
        {
            CameraEventType.Accident or CameraEventType.StorageFailure or CameraEventType.VideoLoss => Severity.Major,
            CameraEventType.Crowd or CameraEventType.Tamper or CameraEventType.Intrusion or CameraEventType.WrongWay => Severity.Minor,
            _ => Severity.Info,
        };
        long? count = type is CameraEventType.Crowd ? Math.Max(people * 2, 40) : null;
        return NewEvent(type, severity, at, count, Math.Round(Random.Between(0.6, 0.99), 2));
    }

    private CameraEvent NewEvent(CameraEventType type, Severity severity, DateTimeOffset at, long? objectCount, double? confidence) => new()
    {
        DeviceId = Id,
        Ts = at,
        Seq = 0,
        Type = type,
        Severity = severity,
        ObjectCount = objectCount,
        Confidence = confidence,
        SnapshotUrl = _snapshotBaseUrl is null
            ? $"https://nvr.haiphong.example/snap/{Id}/{at.ToUnixTimeSeconds()}.jpg"
            : $"{_snapshotBaseUrl}{Id}/{at.ToUnixTimeSeconds()}.png",
    };
}
