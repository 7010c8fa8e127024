using System.Collections.Concurrent;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Ingest.Registry;

namespace OpsCenter.Ingest.Liveness;

/// <summary>What Ingest knows of one device's liveness.</summary>
/// <param name="StatusTs">The device's own time of the status that set <see cref="State"/>, if a status did.</param>
/// <remarks>
/// A new record when the state or its status changes; a device that just keeps talking only moves its
/// <see cref="LastSeen"/> and <see cref="NewestTs"/>, in place (as UTC ticks, which readers on other threads see whole):
/// a record and a dictionary node per message were ~170 of the bytes Ingest allocated per message (bench/).
/// </remarks>
public sealed record DeviceLiveness(string DeviceId, string Kind, string State, DateTimeOffset Since, string Reason, DateTimeOffset? StatusTs = null)
{
    private long _lastSeenTicks;
    private long _newestTicks;

    /// <summary>When Ingest last heard from it (receive time).</summary>
    public required DateTimeOffset LastSeen
    {
        get => new(Volatile.Read(ref _lastSeenTicks), TimeSpan.Zero);
        init => _lastSeenTicks = value.UtcTicks;
    }

    /// <summary>The newest device time heard from it (or, after a restart, the time the restored state was announced).</summary>
    public DateTimeOffset NewestTs
    {
        get => new(Volatile.Read(ref _newestTicks), TimeSpan.Zero);
        init => _newestTicks = value.UtcTicks;
    }

    internal void Heard(DateTimeOffset lastSeen, DateTimeOffset newest)
    {
        Volatile.Write(ref _lastSeenTicks, lastSeen.UtcTicks);
        Volatile.Write(ref _newestTicks, newest.UtcTicks);
    }
}

/// <summary>
/// Online/degraded/offline per device from its <c>status</c> messages, its Last Will, and silence: a device that sends
/// nothing on any channel for 3 × its reporting interval is offline whatever its last status said.
/// Times are receive times: a Last Will's <c>ts</c> is its connect time, not the moment the device went away.
/// </summary>
public sealed class LivenessTracker(DeviceRegistry registry)
{
    public const int SilenceIntervals = 3;
    private readonly ConcurrentDictionary<string, DeviceLiveness> _devices = new(StringComparer.Ordinal);

    public IEnumerable<DeviceLiveness> All => _devices.Values;

    public bool TryGet(string deviceId, out DeviceLiveness liveness) => _devices.TryGetValue(deviceId, out liveness!);

    /// <summary>Records a new (non-duplicate) reading; returns the transition it caused, if any.</summary>
    /// <param name="retainedReplay">The broker's stored copy, replayed because Ingest (re)subscribed.</param>
    public DeviceLivenessChanged? Observe(StoredReading reading, DateTimeOffset receivedAt, bool retainedReplay = false)
    {
        var reported = reading.Status?.State?.ToWire();
        var previous = _devices.GetValueOrDefault(reading.DeviceId);
        // A replayed retained status is what the device said at its ts, and it can arrive after newer live ones: a broker
        // takes the retained snapshot when the subscription is made and delivers it after devices may already have
        // spoken (MQTTnet does; the order is not specified). Taken in arrival order, a camera that went offline during a
        // broker restart came back 'online' from the old copy. It counts only when it is news.
        if (retainedReplay && previous is not null && reading.Ts <= previous.NewestTs)
            return null;
        // A device's outbox may deliver readings made before its latest status after it (resent after a reconnect):
        // they say nothing about now and must not undo that status. Statuses themselves are taken in arrival order: a
        // Last Will carries its connect time, older than the 'online' it follows.
        if (reported is null && previous?.StatusTs is { } statusTs && reading.Ts < statusTs)
            return null;

        string state;
        string reason;
        if (reported is not null)
        {
            state = reported;
            reason = reported == DeviceStates.Offline ? LivenessReasons.LastWill : LivenessReasons.Status;
        }
        else
        {
            // Anything but a status proves the device is talking; keep a reported 'degraded'.
            state = previous?.State is DeviceStates.Degraded ? DeviceStates.Degraded : DeviceStates.Online;
            reason = LivenessReasons.Traffic;
        }

        var changed = previous is null || previous.State != state;
        var lastSeen = reported == DeviceStates.Offline ? previous?.LastSeen ?? receivedAt : receivedAt;
        var newest = previous is null || reading.Ts > previous.NewestTs ? reading.Ts : previous.NewestTs;
        if (!changed && reported is null)
        {
            previous!.Heard(lastSeen, newest);
            return null;
        }
        var since = changed ? receivedAt : previous!.Since;
        var statusAt = reported is not null ? reading.Ts : previous?.StatusTs;
        _devices[reading.DeviceId] = new DeviceLiveness(reading.DeviceId, reading.Kind.ToWire(), state, since, changed ? reason : previous!.Reason, statusAt)
        {
            LastSeen = lastSeen,
            NewestTs = newest,
        };
        return changed ? Transition(reading.DeviceId, reading.Kind.ToWire(), state, receivedAt, reason) : null;
    }

    /// <summary>
    /// Seeds the table with what was announced before a restart, keeping each device's state and since-when. Last seen
    /// is set to <paramref name="now"/>: the silence clock starts again, so a device gets its full grace before being
    /// declared offline, and one that stays silent is. Devices already observed since the start keep their entry.
    /// </summary>
    public int Restore(IEnumerable<DeviceLivenessChanged> announced, DateTimeOffset now)
    {
        var restored = 0;
        foreach (var a in announced)
        {
            if (_devices.TryAdd(a.DeviceId, new DeviceLiveness(a.DeviceId, a.Kind, a.State, a.At, a.Reason) { LastSeen = now, NewestTs = a.At }))
                restored++;
        }
        return restored;
    }

    /// <summary>Marks devices silent for too long offline; returns those transitions.</summary>
    public List<DeviceLivenessChanged> Sweep(DateTimeOffset now)
    {
        var transitions = new List<DeviceLivenessChanged>();
        foreach (var device in _devices.Values)
        {
            if (device.State == DeviceStates.Offline)
                continue;
            var interval = registry.TryGet(device.DeviceId, out var record) ? record.ReportingIntervalSeconds : 30;
            if (now - device.LastSeen <= TimeSpan.FromSeconds(interval * SilenceIntervals))
                continue;
            _devices[device.DeviceId] = device with { State = DeviceStates.Offline, Since = now, Reason = LivenessReasons.Silence };
            transitions.Add(Transition(device.DeviceId, device.Kind, DeviceStates.Offline, now, LivenessReasons.Silence));
        }
        return transitions;
    }

    private static DeviceLivenessChanged Transition(string id, string kind, string state, DateTimeOffset at, string reason) =>
        new() { DeviceId = id, Kind = kind, State = state, At = at, Reason = reason };
}
