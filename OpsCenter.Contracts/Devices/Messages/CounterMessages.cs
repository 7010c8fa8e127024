namespace OpsCenter.Contracts.Devices.Messages;

public enum ServiceStatus
{
    Open,
    Closed,
    Suspended,
}

/// <summary>Queue-management system of one one-stop office ("bộ phận một cửa").</summary>
public sealed record CounterTelemetry : DeviceMessage
{
    public required ServiceStatus ServiceStatus { get; init; }
    public required long Waiting { get; init; }
    public required long CountersOpen { get; init; }
}

public enum CounterEventType
{
    TicketIssued,
    TicketCalled,
    TicketServed,
    TicketNoShow,
    CaseReceived,
    CaseResolved,
    Rating,
}

public enum CaseChannel
{
    Online,
    InPerson,
}

/// <summary>
/// One record for every counter event type; which optional fields are required depends on <see cref="Type"/>
/// (see the contract's table).
/// </summary>
public sealed record CounterEvent : DeviceMessage
{
    public required CounterEventType Type { get; init; }
    public string? TicketId { get; init; }
    public string? ServiceId { get; init; }
    public int? CounterNo { get; init; }
    public string? CaseId { get; init; }
    public CaseChannel? Channel { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public int? Score { get; init; }
}
