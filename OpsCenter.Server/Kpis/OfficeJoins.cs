using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion.Readings;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// Routes the one-stop offices' events to their joins (tickets by (device, ticket id), cases by case id) and ratings
/// straight through, all into one <see cref="IOfficeOutcomes"/>. The live KPIs and the leaders' rollups both use it,
/// so there is one join in the code base. Not thread-safe.
/// </summary>
public sealed class OfficeJoins
{
    private readonly IOfficeOutcomes _outcomes;
    private readonly TicketTrails _tickets;
    private readonly CaseLedger _cases;

    public OfficeJoins(IOfficeOutcomes outcomes)
    {
        _outcomes = outcomes;
        _tickets = new TicketTrails(outcomes);
        _cases = new CaseLedger(outcomes);
    }

    public int OpenTickets => _tickets.Count;

    public int OpenCases => _cases.OpenCount;

    /// <param name="scope">What the outcomes are counted under (an area for the live KPIs, the device for rollups).</param>
    public void Apply(CounterEventReading e, string scope)
    {
        var device = e.Stored.DeviceId;
        var ts = e.Stored.Ts;
        switch (e.Type)
        {
            case CounterEventType.TicketIssued or CounterEventType.TicketCalled or CounterEventType.TicketServed or CounterEventType.TicketNoShow
                when e.TicketId is { } ticket:
                _tickets.Apply(device, scope, ticket, e.Type.Value, ts);
                break;
            case CounterEventType.CaseReceived when e is { CaseId: { } caseId, DueAt: { } dueAt }:
                _cases.Received(caseId, scope, ts, dueAt, e.Channel == CaseChannel.Online);
                break;
            case CounterEventType.CaseResolved when e.CaseId is { } resolved:
                _cases.Resolved(resolved, scope, ts);
                break;
            case CounterEventType.Rating when e.Score is { } score:
                _outcomes.RecordRating(scope, ts, score);
                break;
        }
    }

    public void Prune(DateTimeOffset now)
    {
        _tickets.Prune(now);
        _cases.Prune(now);
    }
}
