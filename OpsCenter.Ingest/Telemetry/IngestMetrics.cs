using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Ingest.Telemetry;

/// <summary>Ingest's OpenTelemetry instruments, plus per-reason/per-device rejection totals for the API.</summary>
public sealed class IngestMetrics : IDisposable
{
    private readonly Meter _meter = new(OpsCenterMeters.Ingest);
    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _buffered;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _slowWrites;
    private readonly Histogram<double> _durableLatency;
    private readonly ConcurrentDictionary<(string Reason, string Device), long> _rejectTotals = new();
    private long _bufferBytes;

    private static readonly double[] DurableBuckets = [1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 125, 150, 200, 250, 300, 400, 500, 750, 1000, 2500, 5000, 10000];

    public IngestMetrics()
    {
        _received = _meter.CreateCounter<long>("opscenter.ingest.received", "{message}", "Device messages received");
        _stored = _meter.CreateCounter<long>("opscenter.ingest.stored", "{message}", "Messages written to InfluxDB");
        _buffered = _meter.CreateCounter<long>("opscenter.ingest.buffered", "{message}", "Messages put in the on-disk buffer");
        _rejected = _meter.CreateCounter<long>("opscenter.ingest.rejected", "{message}", "Messages rejected, by reason and device");
        _duplicates = _meter.CreateCounter<long>("opscenter.ingest.duplicates", "{message}", "Repeated (deviceId, seq, ts) dropped");
        _slowWrites = _meter.CreateCounter<long>("opscenter.ingest.slow_writes", "{batch}", "InfluxDB writes over budget, buffered on disk instead");
        // Finer than the default buckets below 250 ms, where the 100 ms tail target is judged.
        _durableLatency = _meter.CreateHistogram<double>("opscenter.ingest.durable_latency", "ms", "Receive to durable (stored or buffered)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurableBuckets });
        _meter.CreateObservableGauge("opscenter.ingest.buffer_bytes", () => Interlocked.Read(ref _bufferBytes), "By", "Bytes waiting in the on-disk buffer");
    }

    public void Received(int count) => _received.Add(count);
    public void Stored(int count) => _stored.Add(count);
    public void Buffered(int count) => _buffered.Add(count);
    public void Duplicate() => _duplicates.Add(1);
    public void SlowWrite() => _slowWrites.Add(1);
    public void DurableAfter(TimeSpan latency) => _durableLatency.Record(latency.TotalMilliseconds);
    public void BufferBytes(long bytes) => Interlocked.Exchange(ref _bufferBytes, bytes);

    public void Rejected(string reason, string? deviceId)
    {
        var device = deviceId ?? "(unknown)";
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("device", device));
        _rejectTotals.AddOrUpdate((reason, device), 1, (_, n) => n + 1);
    }

    public IEnumerable<RejectionTotal> RejectionTotals() =>
        _rejectTotals.Select(kv => new RejectionTotal(kv.Key.Reason, kv.Key.Device, kv.Value))
            .OrderByDescending(t => t.Count);

    public void Dispose() => _meter.Dispose();
}

public sealed record RejectionTotal(string Reason, string DeviceId, long Count);
