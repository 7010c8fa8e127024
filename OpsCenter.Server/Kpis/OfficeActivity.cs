using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion.Readings;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// The one-stop offices' events folded into their KPIs: tickets joined into waits and service times, cases into
/// on-time resolution, ratings into satisfaction. Not thread-safe: <see cref="KpiEngine"/> holds the lock.
/// </summary>
public sealed class OfficeActivity
{
    private readonly OfficeTally _tally;
    private readonly TicketTrails _tickets;
    private readonly CaseLedger _cases;

    public OfficeActivity(CityCalendar calendar)
    {
        _tally = new OfficeTally(calendar);
        _tickets = new TicketTrails(_tally);
        _cases = new CaseLedger(_tally);
    }

    public int OpenTickets => _tickets.Count;

    public int OpenCases => _cases.OpenCount;

    /// <param name="area">The office's area ("" when the device is not in the inventory: it still counts city-wide).</param>
    public void Apply(CounterEventReading e, string area)
    {
        var device = e.Stored.DeviceId;
        var ts = e.Stored.Ts;
        switch (e.Type)
        {
            case CounterEventType.TicketIssued or CounterEventType.TicketCalled or CounterEventType.TicketServed or CounterEventType.TicketNoShow
                when e.TicketId is { } ticket:
                _tickets.Apply(device, area, ticket, e.Type.Value, ts);
                break;
            case CounterEventType.CaseReceived when e is { CaseId: { } caseId, DueAt: { } dueAt }:
                _cases.Received(caseId, area, ts, dueAt, e.Channel == CaseChannel.Online);
                break;
            case CounterEventType.CaseResolved when e.CaseId is { } resolved:
                _cases.Resolved(resolved, area, ts);
                break;
            case CounterEventType.Rating when e.Score is { } score:
                _tally.RecordRating(area, ts, score);
                break;
        }
    }

    public OfficeFigures Figures(string? area, DateTimeOffset now) => _tally.Figures(area, now);

    public void Prune(DateTimeOffset now)
    {
        _tally.Prune(now);
        _tickets.Prune(now);
        _cases.Prune(now);
    }
}
