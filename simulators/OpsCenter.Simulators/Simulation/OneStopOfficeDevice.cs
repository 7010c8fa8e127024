using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// The queue-management system of a one-stop office ("bộ phận một cửa"): tickets during office hours,
/// case files (hồ sơ) received in person and online with a legal due time, resolutions and ratings.
/// </summary>
internal sealed class OneStopOfficeDevice : SimulatedDevice
{
    private const double OnlineCasesPerHour = 1.2;

    // Citizens per staffed counter per hour at the 9 a.m. peak: a little more than a counter serves (~6/h), so a queue
    // builds through the morning and drains by lunch, as one-stop offices see it.
    private const double PeakArrivalsPerCounterHour = 7;

    private sealed record OpenCase(string Id, DateTimeOffset ResolveAt);

    private readonly OfficeQueue _queue;
    private readonly int _countersTotal;
    private readonly List<OpenCase> _openCases = [];
    private int _caseNumber;

    public OneStopOfficeDevice(DeviceRecord record, DeviceSimulationSettings settings)
        : base(record, DeviceKind.Counter, settings)
    {
        _countersTotal = int.TryParse(record.Attributes.GetValueOrDefault("countersTotal"), CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 1, 64)
            : 4;
        _queue = new OfficeQueue(record.Id, Random, settings.CityTime);
    }

    public int CountersTotal => _countersTotal;
    public int Waiting => _queue.Waiting;

    /// <summary>Scenario knobs: more citizens than usual, fewer staff, cases due sooner, nothing resolved.</summary>
    public double ArrivalMultiplier { get; set; } = 1;
    public int? CountersStaffed { get; set; }
    public bool ForceOpen { get; set; }
    public TimeSpan? CaseDueOverride { get; set; }
    public bool HoldResolutions { get; set; }

    protected override string FirmwareVersion => "3.1.0";

    protected override IEnumerable<(DeviceChannel, DeviceMessage)> Measure(DateTimeOffset from, DateTimeOffset to)
    {
        var local = CityTime.ToLocal(to);
        var open = ForceOpen || DailyPattern.IsOfficeOpen(local);
        var staffed = CountersStaffed ?? Math.Max(1, _countersTotal - (Random.Chance(0.3) ? 1 : 0));
        var arrivalsPerHour = open ? _countersTotal * PeakArrivalsPerCounterHour * Math.Max(DailyPattern.OfficeArrivals(local), ForceOpen ? 0.8 : 0) * ArrivalMultiplier : 0;
        // After closing time staff still serve whoever holds a ticket, so the queue empties rather than waiting overnight.
        var counters = open ? staffed : (_queue.Waiting > 0 || _queue.Busy > 0 ? staffed : 0);

        var events = _queue.Run(from, to, counters, arrivalsPerHour, OnServed);
        var hours = (to - from).TotalHours;
        var onlineCases = Random.Poisson(OnlineCasesPerHour * hours * (open ? 1 : 0.3));
        for (var i = 0; i < onlineCases; i++)
            ReceiveCase(from + (to - from) * Random.NextDouble(), PublicService.Pick(Random), CaseChannel.Online, events);
        if (open && !HoldResolutions)
            Resolve(from, to, events);

        foreach (var e in events.OrderBy(e => e.Ts))
            yield return (DeviceChannel.Event, e);
        yield return (DeviceChannel.Telemetry, new CounterTelemetry
        {
            DeviceId = Id,
            Ts = to,
            Seq = 0,
            ServiceStatus = open ? ServiceStatus.Open : ServiceStatus.Closed,
            Waiting = _queue.Waiting,
            CountersOpen = open ? counters : _queue.Busy,
        });
    }

    private void OnServed(DateTimeOffset at, string ticketId, PublicService service, List<CounterEvent> events)
    {
        if (Random.Chance(0.45))
            ReceiveCase(at, service, CaseChannel.InPerson, events);
        if (Random.Chance(0.55))
            events.Add(_queue.Event(CounterEventType.Rating, at) with { TicketId = ticketId, Score = Score() });
    }

    private void ReceiveCase(DateTimeOffset at, PublicService service, CaseChannel channel, List<CounterEvent> events)
    {
        // "HS" (hồ sơ) numbers are unique per office; the office id makes them unique city-wide.
        var id = string.Create(CultureInfo.InvariantCulture, $"{Id}-HS{++_caseNumber:D6}");
        var dueIn = CaseDueOverride ?? service.ProcessingTime;
        // Most cases are answered in time; roughly one in eight runs late.
        _openCases.Add(new OpenCase(id, at + dueIn * Random.Between(0.2, 1.12)));
        events.Add(_queue.Event(CounterEventType.CaseReceived, at) with
        {
            CaseId = id,
            ServiceId = service.Id,
            Channel = channel,
            DueAt = WholeSeconds(CityTime.ToLocal(at + dueIn)),
        });
    }

    private void Resolve(DateTimeOffset from, DateTimeOffset to, List<CounterEvent> events)
    {
        foreach (var done in _openCases.Where(c => c.ResolveAt <= to).ToList())
        {
            _openCases.Remove(done);
            var at = done.ResolveAt > from ? done.ResolveAt : to;
            events.Add(_queue.Event(CounterEventType.CaseResolved, at) with { CaseId = done.Id });
            if (Random.Chance(0.25))
                events.Add(_queue.Event(CounterEventType.Rating, at) with { CaseId = done.Id, Score = Score() });
        }
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerSecond));

    private int Score() => Random.PickWeighted<int>([(5, 45), (4, 30), (3, 15), (2, 6), (1, 4)]);
}
