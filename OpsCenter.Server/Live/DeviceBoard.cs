using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Live;

/// <summary>
/// Per device what the console's drill-down and the map show: liveness with since-when, the newest telemetry reading,
/// when the Server last heard from it. Late readings never replace newer ones.
/// </summary>
public sealed class DeviceBoard(TimeProvider clock) : IStoredStreamObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceEntry> _devices = new(StringComparer.Ordinal);
    private long _newestAtMs;

    /// <summary>Unix ms (Server clock) when the newest live reading arrived; 0 before any.</summary>
    public long NewestAtMs => Interlocked.Read(ref _newestAtMs);

    public void OnReading(StoredReading reading, bool live)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var entry = Entry(reading.DeviceId);
            if (live)
                entry.LastReceived = now;
            if (entry.LastSeen is null || reading.Ts > entry.LastSeen)
                entry.LastSeen = reading.Ts;
            if (reading.Channel == DeviceChannel.Telemetry && (entry.Latest is null || reading.Ts >= entry.Latest.Ts))
                entry.Latest = reading;
        }
        if (live)
            Interlocked.Exchange(ref _newestAtMs, now.ToUnixTimeMilliseconds());
    }

    public void OnLiveness(DeviceLivenessChanged change)
    {
        lock (_gate)
        {
            var entry = Entry(change.DeviceId);
            entry.State = change.State;
            entry.Since = change.At;
        }
    }

    public DeviceView? Find(string deviceId)
    {
        lock (_gate)
            return _devices.TryGetValue(deviceId, out var e) ? e.View() : null;
    }

    private DeviceEntry Entry(string id)
    {
        if (!_devices.TryGetValue(id, out var entry))
            _devices[id] = entry = new DeviceEntry();
        return entry;
    }

    private sealed class DeviceEntry
    {
        public string? State;
        public DateTimeOffset? Since;
        public DateTimeOffset? LastSeen;
        public DateTimeOffset? LastReceived;
        public StoredReading? Latest;

        public DeviceView View() => new(State, Since, LastSeen, LastReceived, Latest);
    }
}

/// <param name="LastSeen">The newest reading's device time.</param>
/// <param name="LastReceived">Server clock when a reading last arrived live.</param>
public sealed record DeviceView(string? State, DateTimeOffset? Since, DateTimeOffset? LastSeen, DateTimeOffset? LastReceived, StoredReading? Latest);
