namespace OpsCenter.Contracts.Devices.Fields;

/// <summary>Wire names of one-stop office queue telemetry's own fields.</summary>
public static class CounterTelemetryFields
{
    public const string ServiceStatus = "serviceStatus";
    public const string Waiting = "waiting";
    public const string CountersOpen = "countersOpen";
}

/// <summary>Values of <see cref="CounterTelemetryFields.ServiceStatus"/>, in the order of <see cref="Messages.ServiceStatus"/>.</summary>
public static class ServiceStatuses
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string Suspended = "suspended";

    public static readonly IReadOnlyList<string> All = [Open, Closed, Suspended];
}

/// <summary>Wire names of one-stop office queue events' own fields.</summary>
public static class CounterEventFields
{
    public const string Type = EventFields.Type;
    public const string TicketId = "ticketId";
    public const string ServiceId = "serviceId";
    public const string CounterNo = "counterNo";
    public const string CaseId = "caseId";
    public const string Channel = "channel";
    public const string DueAt = "dueAt";
    public const string Score = "score";
}

/// <summary>Values of <see cref="CounterEventFields.Type"/>, in the order of <see cref="Messages.CounterEventType"/>.</summary>
public static class CounterEventTypes
{
    public const string TicketIssued = "ticketIssued";
    public const string TicketCalled = "ticketCalled";
    public const string TicketServed = "ticketServed";
    public const string TicketNoShow = "ticketNoShow";
    public const string CaseReceived = "caseReceived";
    public const string CaseResolved = "caseResolved";
    public const string Rating = "rating";

    public static readonly IReadOnlyList<string> All =
        [TicketIssued, TicketCalled, TicketServed, TicketNoShow, CaseReceived, CaseResolved, Rating];
}

/// <summary>Values of <see cref="CounterEventFields.Channel"/>, in the order of <see cref="Messages.CaseChannel"/>.</summary>
public static class CaseChannels
{
    public const string Online = "online";
    public const string InPerson = "inPerson";

    public static readonly IReadOnlyList<string> All = [Online, InPerson];
}
