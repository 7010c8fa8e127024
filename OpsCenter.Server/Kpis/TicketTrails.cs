using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// Joins a queue ticket's events by (office device, ticket id): wait = called − issued, service time = served − called.
/// Events may arrive in any order (late data, a rebuild after a restart), so each join is made as soon as both ends
/// are known and counted once. A ticket is forgotten once it is closed and joined, or a day after its last event.
/// </summary>
public sealed class TicketTrails(IOfficeOutcomes tally)
{
    /// <summary>How long an unfinished ticket is kept (and how far before a period the rollups read its issue).</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(24);

    private readonly Dictionary<(string Device, string Ticket), Trail> _trails = [];

    public int Count => _trails.Count;

    public void Apply(string device, string area, string ticketId, CounterEventType type, DateTimeOffset ts)
    {
        var key = (device, ticketId);
        if (!_trails.TryGetValue(key, out var trail))
            _trails[key] = trail = new Trail(area);
        trail.LastSeen = trail.LastSeen > ts ? trail.LastSeen : ts;
        switch (type)
        {
            case CounterEventType.TicketIssued:
                trail.Issued ??= ts;
                break;
            case CounterEventType.TicketCalled:
                trail.Called ??= ts;
                break;
            case CounterEventType.TicketServed when trail.Served is null:
                trail.Served = ts;
                tally.RecordServed(area, ts);
                break;
            case CounterEventType.TicketNoShow when !trail.NoShow:
                trail.NoShow = true;
                tally.RecordNoShow(area, ts);
                break;
        }
        Join(trail);
        if (trail.IsDone)
            _trails.Remove(key);
    }

    public void Prune(DateTimeOffset now)
    {
        foreach (var (key, trail) in _trails.Where(t => t.Value.LastSeen < now - ForgetAfter).ToList())
            _trails.Remove(key);
    }

    private void Join(Trail trail)
    {
        // A wait belongs to the moment it ended (the call), a service time to its end (served).
        if (!trail.WaitCounted && trail is { Issued: { } issued, Called: { } called } && called >= issued)
        {
            trail.WaitCounted = true;
            tally.RecordWait(trail.Area, called, (called - issued).TotalMinutes);
        }
        if (!trail.ServiceCounted && trail is { Called: { } start, Served: { } end } && end >= start)
        {
            trail.ServiceCounted = true;
            tally.RecordService(trail.Area, end, (end - start).TotalMinutes);
        }
    }

    private sealed class Trail(string area)
    {
        public string Area { get; } = area;
        public DateTimeOffset? Issued { get; set; }
        public DateTimeOffset? Called { get; set; }
        public DateTimeOffset? Served { get; set; }
        public bool NoShow { get; set; }
        public bool WaitCounted { get; set; }
        public bool ServiceCounted { get; set; }
        public DateTimeOffset LastSeen { get; set; }

        /// <summary>Nothing more can be learnt from it: served and both durations counted, or a no-show whose wait is counted.</summary>
        public bool IsDone => (Served is not null && WaitCounted && ServiceCounted) || (NoShow && WaitCounted);
    }
}
