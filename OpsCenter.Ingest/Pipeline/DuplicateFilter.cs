using System.Collections.Concurrent;

namespace OpsCenter.Ingest.Pipeline;

/// <summary>
/// Recognises repeats of (deviceId, seq, ts): MQTT redelivery after a reconnect, device retries and retained status
/// replays. Keeps a small ring of recent identities per device (a few hundred bytes each, so 50,000 devices fit in
/// ~20 MB); redeliveries arrive close behind the original. Storage is idempotent as well (a repeat maps to the same
/// InfluxDB point), so a repeat that slips past after a restart overwrites itself instead of adding a point.
/// </summary>
public sealed class DuplicateFilter(int perDevice = 32)
{
    private readonly ConcurrentDictionary<string, DeviceWindow> _windows = new(StringComparer.Ordinal);

    /// <summary>Returns true the first time an identity is seen, false for a repeat.</summary>
    public bool TryAdd(string deviceId, long seq, DateTimeOffset ts)
    {
        // A static factory with its argument: a lambda capturing perDevice made a closure and a delegate per message.
        var window = _windows.GetOrAdd(deviceId, static (_, size) => new DeviceWindow(size), perDevice);
        return window.TryAdd(seq, ts.UtcTicks);
    }

    private sealed class DeviceWindow(int capacity)
    {
        private readonly long[] _seqs = new long[capacity];
        private readonly long[] _ticks = new long[capacity];
        private int _count;
        private int _next;

        public bool TryAdd(long seq, long ticks)
        {
            lock (_seqs)
            {
                for (var i = 0; i < _count; i++)
                {
                    if (_seqs[i] == seq && _ticks[i] == ticks)
                        return false;
                }
                _seqs[_next] = seq;
                _ticks[_next] = ticks;
                _next = (_next + 1) % _seqs.Length;
                _count = Math.Min(_count + 1, _seqs.Length);
                return true;
            }
        }
    }
}
