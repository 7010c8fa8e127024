using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.Wall;

/// <summary>
/// The city as the Server sees it now: each device's liveness and latest measurements, fed by what Ingest stored.
/// Late readings never overwrite newer ones, so a backlog replay cannot make the live view jump back in time.
/// </summary>
public sealed class LiveCityState(CityInventory inventory, TimeProvider clock)
{
    /// <summary>Measurements older than this are no longer "live" and drop out of the averages.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _liveness = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Device, long Lane), TrafficSample> _traffic = [];
    private readonly Dictionary<string, OfficeSample> _offices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string State, DateTimeOffset LiveAt)> _ingestInstances = new(StringComparer.Ordinal);
    private long _readings;

    public long Version { get; private set; }

    public CityInventory Inventory => inventory;

    /// <summary>
    /// True while some Ingest instance is serving: it said "online" live (not a retained message from before) within
    /// the last <see cref="ServicePresence.MissedBeats"/> heartbeats, and no Last Will came since. A retained "online"
    /// seen on (re)subscribing proves nothing about now: until the next beat the figures count as not current.
    /// </summary>
    public bool IngestPresent
    {
        get
        {
            var since = clock.GetUtcNow() - ServicePresence.Heartbeat * ServicePresence.MissedBeats;
            lock (_gate)
                return _ingestInstances.Values.Any(i => i.State == ServicePresence.Online && i.LiveAt >= since);
        }
    }

    /// <summary>After a gap in following Ingest: every instance must say "online" again, live, to count as present.</summary>
    public void DistrustPresence()
    {
        lock (_gate)
        {
            foreach (var instance in _ingestInstances.Keys.ToList())
                _ingestInstances[instance] = (_ingestInstances[instance].State, DateTimeOffset.MinValue);
            Version++;
        }
    }

    public void Apply(ServicePresence presence, bool retained = false)
    {
        if (presence.Service != InternalTopics.IngestService)
            return;
        lock (_gate)
        {
            _ingestInstances[presence.Instance] = (presence.State, retained ? DateTimeOffset.MinValue : clock.GetUtcNow());
            Version++;
        }
    }

    /// <summary>A reading read back from the store at start-up: applied like a live one but not counted as stored now.</summary>
    public void Restore(StoredReading reading)
    {
        Apply(reading);
        lock (_gate)
            _readings--;
    }

    public void Apply(StoredReading reading)
    {
        lock (_gate)
        {
            _readings++;
            Version++;
            if (reading.Traffic is { } traffic)
            {
                var key = (reading.DeviceId, traffic.Lane);
                if (_traffic.TryGetValue(key, out var t) && t.At > reading.Ts)
                    return;
                _traffic[key] = new TrafficSample(reading.Ts, traffic.AverageVehicleSpeed, traffic.Congested, traffic.Occupancy, traffic.Intensity, traffic.PeriodSeconds);
            }
            else if (reading.CounterTelemetry is { } office)
            {
                if (_offices.TryGetValue(reading.DeviceId, out var o) && o.At > reading.Ts)
                    return;
                _offices[reading.DeviceId] = new OfficeSample(reading.Ts, office.Waiting, office.ServiceStatus == ServiceStatus.Open);
            }
        }
    }

    public void Apply(DeviceLivenessChanged change)
    {
        lock (_gate)
        {
            _liveness[change.DeviceId] = change.State;
            Version++;
        }
    }

    public CitySnapshotData Capture()
    {
        lock (_gate)
        {
            var freshSince = clock.GetUtcNow() - FreshFor;
            return new CitySnapshotData(
                clock.GetUtcNow(),
                _devices.Values.ToList(),
                new Dictionary<string, string>(_liveness, StringComparer.Ordinal),
                _traffic.Where(kv => kv.Value.At >= freshSince).Select(kv => (kv.Key.Device, kv.Value)).ToList(),
                _offices.Where(kv => kv.Value.At >= freshSince).Select(kv => (kv.Key, kv.Value)).ToList(),
                _readings);
        }
    }
}

/// <summary>One lane's latest counting period; occupancy is a fraction (0 … 1), intensity the vehicles counted in it.</summary>
public sealed record TrafficSample(DateTimeOffset At, double SpeedKmh, bool Congested, double Occupancy = 0, long Intensity = 0, long PeriodSeconds = 0);

public sealed record OfficeSample(DateTimeOffset At, long Waiting, bool Open);

public sealed record CitySnapshotData(
    DateTimeOffset At,
    IReadOnlyList<DeviceRecord> Devices,
    IReadOnlyDictionary<string, string> Liveness,
    IReadOnlyList<(string DeviceId, TrafficSample Sample)> Traffic,
    IReadOnlyList<(string DeviceId, OfficeSample Sample)> Offices,
    long Readings);
