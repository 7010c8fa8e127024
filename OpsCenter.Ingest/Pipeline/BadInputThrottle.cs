using System.Collections.Concurrent;

namespace OpsCenter.Ingest.Pipeline;

/// <summary>
/// Per-device token bucket over rejections. A device that floods bad input has its messages dropped before parsing
/// once its budget is spent, so it costs almost nothing and cannot slow the devices that behave.
/// </summary>
public sealed class BadInputThrottle(int rejectsPerSecond, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _capacity = Math.Max(1, rejectsPerSecond * 2);

    /// <summary>False until the first rejection: until then no device can be throttled.</summary>
    public bool IsActive => !_buckets.IsEmpty;

    /// <summary>True when this device's recent rejections exceeded its budget.</summary>
    public bool IsThrottled(string deviceKey)
    {
        if (!_buckets.TryGetValue(deviceKey, out var bucket))
            return false;
        lock (bucket)
        {
            Refill(bucket);
            return bucket.Tokens < 1;
        }
    }

    public void RecordRejection(string deviceKey)
    {
        var bucket = _buckets.GetOrAdd(deviceKey, _ => new Bucket { Tokens = _capacity, LastRefill = clock.GetTimestamp() });
        lock (bucket)
        {
            Refill(bucket);
            bucket.Tokens = Math.Max(0, bucket.Tokens - 1);
        }
    }

    private void Refill(Bucket bucket)
    {
        var now = clock.GetTimestamp();
        var elapsed = clock.GetElapsedTime(bucket.LastRefill, now).TotalSeconds;
        bucket.Tokens = Math.Min(_capacity, bucket.Tokens + (elapsed * rejectsPerSecond));
        bucket.LastRefill = now;
    }

    private sealed class Bucket
    {
        public double Tokens;
        public long LastRefill;
    }
}
