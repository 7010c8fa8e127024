using System.Text;
using OpsCenter.Ingest.Buffering;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.DeadLetters;

/// <summary>
/// Puts the lines InfluxDB refused into the dead-letter store (reason <c>storeRefused</c>, InfluxDB's words as the
/// detail, the line as the payload) and counts them like any rejection: acknowledged, so they must be visible somewhere.
/// </summary>
public sealed class RefusedLineDeadLetters(DeadLetterStore deadLetters, IngestMetrics metrics, TimeProvider clock)
{
    public void Add(IReadOnlyList<RefusedLine> refused)
    {
        var reason = RejectReason.StoreRefused.ToWire();
        var now = clock.GetUtcNow();
        foreach (var line in refused)
        {
            var origin = RefusedLineOrigin.Of(line.Line);
            var payload = Encoding.UTF8.GetBytes(line.Line);
            var detail = $"InfluxDB refused the point ({line.Status}): {line.Error}";
            deadLetters.Add(now, origin.Topic, origin.DeviceId, reason, detail, payload);
            metrics.Rejected(reason, origin.DeviceId ?? origin.Topic);
        }
    }
}
