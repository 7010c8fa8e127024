using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Per office: the last N <c>waiting</c> counts and the last N waits (issue to call, joined by ticket). Raises when
/// either mean passes its limit, clears after both have been back under for the hold time (device time).
/// </summary>
public sealed class OfficeBacklogEvaluator(OfficeBacklogRule rule, RuleEffects effects, DeviceDirectory devices)
    : RuleEvaluator(rule, effects, devices)
{
    /// <summary>Tickets never called are forgotten past this many per office, oldest first.</summary>
    private const int MaxOpenTickets = 5_000;

    private readonly Dictionary<string, Office> _offices = new(StringComparer.Ordinal);

    public override void OnReading(StoredReading reading)
    {
        if (reading.Kind != DeviceKind.Counter)
            return;
        var area = Devices.AreaOf(reading.DeviceId);
        if (!rule.Scope.Covers(reading.DeviceId, area))
            return;
        if (!_offices.TryGetValue(reading.DeviceId, out var office))
            _offices[reading.DeviceId] = office = new Office();

        if (reading.CounterTelemetry is { } telemetry)
            Push(office.Waiting, telemetry.Waiting);
        else if (reading.CounterEvent is { TicketId: { } ticket } counterEvent)
        {
            if (counterEvent.Type == CounterEventType.TicketIssued)
            {
                if (office.Issued.Count >= MaxOpenTickets)
                    office.Issued.Remove(office.Issued.MinBy(t => t.Value).Key);
                office.Issued[ticket] = reading.Ts;
            }
            else if (counterEvent.Type == CounterEventType.TicketCalled && office.Issued.Remove(ticket, out var issued))
                Push(office.WaitMinutes, (reading.Ts - issued).TotalMinutes);
            else
                return;
        }
        else
            return;

        var backlog = Backlogged(office, out var why);
        var (next, transition) = HeldCondition.Step(StateOf(reading.DeviceId), rule.Id, reading.DeviceId, reading.Ts, backlog, !backlog,
            _ => true, TimeSpan.FromSeconds(rule.HoldBeforeClearSeconds), maxGap: null);
        if (next is null)
            Forget(reading.DeviceId);
        else
            Put(next);
        if (transition == HeldTransition.Raise)
            Raise(reading.DeviceId, rule.IncidentType!, rule.Severity, area, reading.Ts, $"{rule.Name}: {Devices.NameOf(reading.DeviceId)} {why}");
        else if (transition == HeldTransition.Clear)
            ClearIncident(reading.DeviceId, rule.IncidentType!, reading.Ts);
    }

    /// <summary>Judged only on a full window: one busy reading after a quiet start is not a backlog.</summary>
    private bool Backlogged(Office office, out string why)
    {
        why = "";
        if (rule.MaxWaiting is { } maxWaiting && office.Waiting.Count == rule.OverLastReadings && office.Waiting.Average() > maxWaiting)
            why = $"{office.Waiting.Average().ToString("0.#", CultureInfo.InvariantCulture)} waiting (limit {maxWaiting.ToString(CultureInfo.InvariantCulture)})";
        else if (rule.MaxAverageWaitMinutes is { } maxWait && office.WaitMinutes.Count == rule.OverLastReadings && office.WaitMinutes.Average() > maxWait)
            why = $"average wait {office.WaitMinutes.Average().ToString("0.#", CultureInfo.InvariantCulture)} min (limit {maxWait.ToString(CultureInfo.InvariantCulture)})";
        return why.Length > 0;
    }

    private void Push(Queue<double> samples, double value)
    {
        samples.Enqueue(value);
        while (samples.Count > rule.OverLastReadings)
            samples.Dequeue();
    }

    private sealed class Office
    {
        public readonly Queue<double> Waiting = new();
        public readonly Queue<double> WaitMinutes = new();
        public readonly Dictionary<string, DateTimeOffset> Issued = new(StringComparer.Ordinal);
    }
}
