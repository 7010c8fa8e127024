using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// Computes the KPI catalogue (docs/kpis.md) city-wide and per area. Live figures (cameras, detectors, queues) come
/// from <see cref="LiveCityState"/>, the one source of each device's latest reading and liveness; what accumulates over
/// a day or month (waits, cases, ratings) is folded from every stored office event, which it follows beside the state.
/// </summary>
public sealed class KpiEngine : IKpiSource, IStoredStreamObserver
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly LiveCityState _state;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly OfficeActivity _offices;
    private readonly Dictionary<string, string> _areaOf;
    private readonly Dictionary<string, double?> _freeFlow;
    private readonly HashSet<string> _areas;
    private readonly Dictionary<string, CameraSample> _cameras = new(StringComparer.Ordinal);

    // Until the rebuild from the store has run, live office events are remembered by their point identity, so that
    // one the rebuild reads back as well (stored just after the subscription) is not counted twice.
    private HashSet<(string Device, long Ns)>? _seenWhileRebuilding = [];
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    public KpiEngine(LiveCityState state, TimeProvider clock)
    {
        _state = state;
        _clock = clock;
        var inventory = state.Inventory;
        _offices = new OfficeActivity(CityCalendar.For(inventory));
        _areaOf = inventory.Devices.ToDictionary(d => d.Id, d => d.AreaId, StringComparer.Ordinal);
        _freeFlow = inventory.Devices.ToDictionary(d => d.Id, d => d.FreeFlowSpeedKmh, StringComparer.Ordinal);
        _areas = inventory.Areas.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }

    public bool Rebuilding
    {
        get
        {
            lock (_gate)
                return _seenWhileRebuilding is not null;
        }
    }

    /// <summary>Open tickets and cases held in memory (for the bounded-memory checks).</summary>
    public (int Tickets, int Cases) Held
    {
        get
        {
            lock (_gate)
                return (_offices.OpenTickets, _offices.OpenCases);
        }
    }

    /// <remarks>
    /// Readings the Wall reads back at start-up (<paramref name="live"/> false) are only the latest telemetry, which the
    /// engine takes from <see cref="LiveCityState"/>; office events come back through <see cref="KpiRebuild"/>.
    /// </remarks>
    public void OnReading(StoredReading reading, bool live)
    {
        if (live)
            OnStored(reading);
    }

    /// <summary>Liveness is read from <see cref="LiveCityState"/>, its one holder.</summary>
    public void OnLiveness(DeviceLivenessChanged change)
    {
    }

    public void OnStored(StoredReading reading)
    {
        lock (_gate)
        {
            if (reading.Kind == DeviceKind.Counter && reading.Channel == DeviceChannel.Event)
                _seenWhileRebuilding?.Add(PointIdentity(reading));
            Apply(reading);
            PruneNowAndThen();
        }
    }

    /// <summary>A reading read back from the store after a restart; skipped if the live stream already brought it.</summary>
    public void OnRebuilt(StoredReading reading)
    {
        lock (_gate)
        {
            if (_seenWhileRebuilding?.Contains(PointIdentity(reading)) == true)
                return;
            Apply(reading);
        }
    }

    public void RebuildFinished()
    {
        lock (_gate)
        {
            _seenWhileRebuilding = null;
            _offices.Prune(_clock.GetUtcNow());
        }
    }

    public IReadOnlyDictionary<string, object?> City() => Figures(null);

    public IReadOnlyDictionary<string, object?> Area(string areaId) =>
        _areas.Contains(areaId) ? Figures(areaId) : new Dictionary<string, object?>();

    private void Apply(StoredReading reading)
    {
        if (reading.CounterEvent is { } counterEvent)
            _offices.Apply(counterEvent, _areaOf.GetValueOrDefault(reading.DeviceId, ""));
        else if (reading.CameraTelemetry is { } camera
                 && !(_cameras.TryGetValue(reading.DeviceId, out var known) && known.At > reading.Ts))
            _cameras[reading.DeviceId] = new CameraSample(reading.Ts, camera.Recording);
    }

    private Dictionary<string, object?> Figures(string? area)
    {
        var data = _state.Capture();
        bool InArea(string deviceId) => area is null || _areaOf.GetValueOrDefault(deviceId) == area;
        bool IsOnline(string id) => data.Liveness.TryGetValue(id, out var s) && s is DeviceStates.Online or DeviceStates.Degraded;

        var cameras = data.Devices.Where(d => d.Kind == DeviceKind.Camera.ToWire() && InArea(d.Id)).Select(d => d.Id).ToList();
        var traffic = TrafficFigures.From(data.Traffic.Where(t => InArea(t.DeviceId)), id => _freeFlow.GetValueOrDefault(id));
        var offices = data.Offices.Where(o => InArea(o.DeviceId)).ToList();
        var freshSince = data.At - LiveCityState.FreshFor;
        OfficeFigures office;
        int recording;
        lock (_gate)
        {
            office = _offices.Figures(area, data.At);
            recording = cameras.Count(id => IsOnline(id) && _cameras.TryGetValue(id, out var c) && c.Recording && c.At >= freshSince);
        }

        var figures = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [KpiNames.CamerasTotal] = cameras.Count,
            [KpiNames.CamerasOnline] = cameras.Count(IsOnline),
            [KpiNames.CamerasRecording] = recording,
            [KpiNames.DetectorsReporting] = traffic.DetectorsReporting,
            [KpiNames.TrafficVolumePerHour] = traffic.VolumePerHour,
            [KpiNames.AverageSpeedKmh] = traffic.AverageSpeedKmh,
            [KpiNames.OccupancyPercent] = traffic.OccupancyPercent,
            [KpiNames.CongestionIndex] = traffic.CongestionIndex,
            [KpiNames.CongestedDetectors] = traffic.CongestedDetectors,
            // A measure, not a count: no office reporting is "unknown", not "nobody waits".
            [KpiNames.PeopleWaiting] = offices.Count == 0 ? null : offices.Sum(o => o.Sample.Waiting),
            [KpiNames.OfficesOpen] = offices.Count(o => o.Sample.Open),
            [KpiNames.AverageWaitMinutesLastHour] = office.AverageWaitMinutesLastHour,
            [KpiNames.AverageWaitMinutesToday] = office.AverageWaitMinutesToday,
            [KpiNames.AverageServiceMinutesLastHour] = office.AverageServiceMinutesLastHour,
            [KpiNames.AverageServiceMinutesToday] = office.AverageServiceMinutesToday,
            [KpiNames.NoShowRateToday] = office.NoShowRateToday,
            [KpiNames.OnlineShareToday] = office.OnlineShareToday,
            [KpiNames.OnTimeRateToday] = office.OnTimeRateToday,
            [KpiNames.OnTimeRateMonth] = office.OnTimeRateMonth,
            [KpiNames.SatisfactionToday] = office.SatisfactionToday,
        };
        // Counted by the Server process as a whole: a city figure only.
        if (area is null)
            figures[KpiNames.ReadingsStored] = data.Readings;
        return figures;
    }

    private void PruneNowAndThen()
    {
        var now = _clock.GetUtcNow();
        if (now - _lastPrune < PruneEvery)
            return;
        _lastPrune = now;
        _offices.Prune(now);
        foreach (var id in _cameras.Where(c => c.Value.At < now - LiveCityState.FreshFor).Select(c => c.Key).ToList())
            _cameras.Remove(id);
    }

    /// <summary>The InfluxDB point time Ingest gives a reading (PointMapper: ts in ms plus seq mod 10⁶ ns), with the device.</summary>
    public static (string Device, long Ns) PointIdentity(StoredReading r) =>
        (r.DeviceId, (r.Ts.ToUnixTimeMilliseconds() * 1_000_000) + (r.Seq % 1_000_000));

    private readonly record struct CameraSample(DateTimeOffset At, bool Recording);
}
