using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Ingest.Buffering;
using OpsCenter.Ingest.DeadLetters;
using OpsCenter.Ingest.Liveness;
using OpsCenter.Ingest.Registry;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.Ingest.Validation;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Pipeline;

/// <summary>What one batch produced: readings made durable (and where), liveness transitions to announce, what was dropped.</summary>
public sealed record BatchOutcome(
    IReadOnlyList<StoredReading> Stored,
    IReadOnlyList<DeviceLivenessChanged> Transitions,
    int Rejected,
    int Duplicates,
    StoredTo StoredTo);

/// <summary>
/// validate → registry → de-duplicate → map → durable (InfluxDB or disk). Rejected messages go to the dead-letter store
/// and never reach storage or KPIs. Runs on one task, so batches stay in broker order.
/// </summary>
public sealed class IngestPipeline(
    MessageValidator validator,
    DeviceRegistry registry,
    DuplicateFilter duplicates,
    LivenessTracker liveness,
    DeadLetterStore deadLetters,
    DurableStore store,
    IngestMetrics metrics,
    IOptions<IngestOptions> options,
    TimeProvider clock)
{
    private readonly BadInputThrottle _throttle = new(options.Value.RejectsPerSecondPerDevice, clock);

    public async Task<BatchOutcome> ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken cancellationToken)
    {
        metrics.Received(batch.Count);
        using var lines = new LineBatch(batch.Count);
        var stored = new List<StoredReading>(batch.Count);
        var transitions = new List<DeviceLivenessChanged>();
        var rejected = 0;
        var duplicateCount = 0;

        foreach (var message in batch)
        {
            // Only once some device misbehaved is there anything to look up: the common case costs nothing.
            if (_throttle.IsActive && DeviceKeyOf(message.Topic) is var throttledKey && _throttle.IsThrottled(throttledKey))
            {
                metrics.Rejected("throttled", throttledKey);
                rejected++;
                continue;
            }

            var payload = message.Kept;
            var result = message.PayloadLength > payload.Length
                ? ValidationResult.Rejected(RejectReason.TooLarge, $"payload is {message.PayloadLength} bytes; the limit is 64 KiB")
                : validator.Validate(message.Topic, payload, message.ReceivedAt);
            if (!result.IsValid)
            {
                Reject(message, result.Topic?.DeviceId, result.Reason.ToWire(), result.Detail);
                rejected++;
                continue;
            }

            var reading = result.Reading;
            var device = registry.Resolve(reading.DeviceId, reading.Kind);
            if (device is null)
            {
                Reject(message, reading.DeviceId, RejectReason.UnknownDevice.ToWire(), $"device '{reading.DeviceId}' is not registered as a {reading.Kind.ToWire()}");
                rejected++;
                continue;
            }

            if (!duplicates.TryAdd(reading.DeviceId, reading.Seq, reading.Ts))
            {
                metrics.Duplicate();
                duplicateCount++;
                continue;
            }

            PointMapper.Write(lines, reading, device.AreaId);
            stored.Add(reading);
            if (liveness.Observe(reading, message.ReceivedAt, message.RetainedReplay) is { } transition)
                transitions.Add(transition);
        }

        var outcome = await store.StoreAsync(lines, cancellationToken);
        foreach (var message in batch)
            metrics.DurableAfter(clock.GetElapsedTime(message.ReceivedTimestamp));
        // Lines InfluxDB refused are dead letters now: the Server must not hear of them as stored readings.
        for (var i = outcome.Refused.Count - 1; i >= 0; i--)
            stored.RemoveAt(outcome.Refused[i].Index);
        return new BatchOutcome(stored, transitions, rejected + outcome.Refused.Count, duplicateCount, outcome.To);
    }

    /// <summary>Moves buffered batches to InfluxDB when it answers again.</summary>
    public Task ReplayBufferAsync(CancellationToken cancellationToken) => store.ReplayAsync(cancellationToken);

    private void Reject(IncomingMessage message, string? deviceId, string reason, string detail)
    {
        var deviceKey = DeviceKeyOf(message.Topic);
        metrics.Rejected(reason, deviceId ?? deviceKey);
        deadLetters.Add(message.ReceivedAt, message.Topic, deviceId, reason, detail, message.Kept[..Math.Min(message.Kept.Length, DeadLetterStore.PrefixBytes)], message.PayloadLength);
        _throttle.RecordRejection(deviceKey);
    }

    /// <summary>The topic's device segment, or the whole topic when it has none: the unit a flood is throttled by.</summary>
    private static string DeviceKeyOf(string topic)
    {
        var parts = topic.Split('/', 5);
        return parts.Length >= 4 && parts[3].Length is > 0 and <= 64 ? parts[3] : (topic.Length <= 64 ? topic : topic[..64]);
    }
}
