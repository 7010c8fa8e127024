using System.Globalization;
using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// The ticket queue of one one-stop office as a small discrete-event simulation: citizens take tickets,
/// free counters call the next ticket, service takes minutes, a few called citizens never come.
/// </summary>
internal sealed class OfficeQueue(string deviceId, Random random, CityTime cityTime)
{
    private const double NoShowShare = 0.04;

    private sealed record Ticket(string Id, PublicService Service);

    private sealed class Counter
    {
        public Ticket? Serving { get; set; }
        public DateTimeOffset BusyUntil { get; set; }
        public bool NoShow { get; set; }
    }

    private readonly Queue<Ticket> _waiting = new();
    private readonly List<Counter> _counters = [];
    private DateOnly _ticketDay;
    private int _ticketNumber;

    public int Waiting => _waiting.Count;
    public int Busy => _counters.Count(c => c.Serving is not null);

    // Ticket ids carry the office id so that no two offices ever issue the same id.
    /// <summary>Runs (from, to]; <paramref name="onServed"/> lets the office open a case or ask for a rating.</summary>
    public List<CounterEvent> Run(DateTimeOffset from, DateTimeOffset to, int counters, double arrivalsPerHour,
        Action<DateTimeOffset, string, PublicService, List<CounterEvent>> onServed)
    {
        while (_counters.Count < counters)
            _counters.Add(new Counter());
        var events = new List<CounterEvent>();
        var arrivals = Enumerable.Range(0, random.Poisson(arrivalsPerHour * (to - from).TotalHours))
            .Select(_ => from + (to - from) * random.NextDouble())
            .Order()
            .ToList();

        CallWaiting(from, counters, events);
        var next = 0;
        for (var guard = 0; guard < 100_000; guard++)
        {
            var arrival = next < arrivals.Count ? arrivals[next] : DateTimeOffset.MaxValue;
            var finishing = _counters.Where(c => c.Serving is not null).MinBy(c => c.BusyUntil);
            var finishAt = finishing?.BusyUntil ?? DateTimeOffset.MaxValue;
            var now = arrival < finishAt ? arrival : finishAt;
            if (now > to)
                break;
            if (finishing is not null && finishAt <= arrival)
                Finish(finishing, events, onServed);
            else
            {
                Issue(arrival, events);
                next++;
            }
            CallWaiting(now, counters, events);
        }
        return events;
    }

    private void Issue(DateTimeOffset at, List<CounterEvent> events)
    {
        var day = DateOnly.FromDateTime(cityTime.ToLocal(at).DateTime);
        if (day != _ticketDay)
            (_ticketDay, _ticketNumber) = (day, 0);
        var ticket = new Ticket(string.Create(CultureInfo.InvariantCulture, $"{deviceId}-{day:yyMMdd}-{++_ticketNumber:D4}"), PublicService.Pick(random));
        _waiting.Enqueue(ticket);
        events.Add(Event(CounterEventType.TicketIssued, at) with { TicketId = ticket.Id, ServiceId = ticket.Service.Id });
    }

    private void CallWaiting(DateTimeOffset at, int counters, List<CounterEvent> events)
    {
        for (var i = 0; i < Math.Min(counters, _counters.Count) && _waiting.Count > 0; i++)
        {
            var counter = _counters[i];
            if (counter.Serving is not null)
                continue;
            var ticket = _waiting.Dequeue();
            counter.Serving = ticket;
            counter.NoShow = random.Chance(NoShowShare);
            var minutes = counter.NoShow ? 1.5 : ticket.Service.ServiceMinutes * random.Between(0.5, 1.6);
            counter.BusyUntil = at + TimeSpan.FromMinutes(minutes);
            events.Add(Event(CounterEventType.TicketCalled, at) with { TicketId = ticket.Id, CounterNo = i + 1 });
        }
    }

    private void Finish(Counter counter, List<CounterEvent> events, Action<DateTimeOffset, string, PublicService, List<CounterEvent>> onServed)
    {
        var ticket = counter.Serving!;
        var at = counter.BusyUntil;
        counter.Serving = null;
        if (counter.NoShow)
        {
            events.Add(Event(CounterEventType.TicketNoShow, at) with { TicketId = ticket.Id });
            return;
        }
        events.Add(Event(CounterEventType.TicketServed, at) with { TicketId = ticket.Id });
        onServed(at, ticket.Id, ticket.Service, events);
    }

    public CounterEvent Event(CounterEventType type, DateTimeOffset at) => new() { DeviceId = deviceId, Ts = at, Seq = 0, Type = type };
}
