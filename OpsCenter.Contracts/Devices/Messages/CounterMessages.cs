using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Devices.Messages;

public enum ServiceStatus
{
    [JsonStringEnumMemberName(ServiceStatuses.Open)] Open,
    [JsonStringEnumMemberName(ServiceStatuses.Closed)] Closed,
    [JsonStringEnumMemberName(ServiceStatuses.Suspended)] Suspended,
}

/// <summary>Queue-management system of one one-stop office ("bộ phận một cửa").</summary>
public sealed record CounterTelemetry : DeviceMessage
{
    [JsonPropertyName(CounterTelemetryFields.ServiceStatus)] public required ServiceStatus ServiceStatus { get; init; }
    [JsonPropertyName(CounterTelemetryFields.Waiting)] public required long Waiting { get; init; }
    [JsonPropertyName(CounterTelemetryFields.CountersOpen)] public required long CountersOpen { get; init; }
}

public enum CounterEventType
{
    [JsonStringEnumMemberName(CounterEventTypes.TicketIssued)] TicketIssued,
    [JsonStringEnumMemberName(CounterEventTypes.TicketCalled)] TicketCalled,
    [JsonStringEnumMemberName(CounterEventTypes.TicketServed)] TicketServed,
    [JsonStringEnumMemberName(CounterEventTypes.TicketNoShow)] TicketNoShow,
    [JsonStringEnumMemberName(CounterEventTypes.CaseReceived)] CaseReceived,
    [JsonStringEnumMemberName(CounterEventTypes.CaseResolved)] CaseResolved,
    [JsonStringEnumMemberName(CounterEventTypes.Rating)] Rating,
}

public enum CaseChannel
{
    [JsonStringEnumMemberName(CaseChannels.Online)] Online,
    [JsonStringEnumMemberName(CaseChannels.InPerson)] InPerson,
}

/// <summary>
/// One record for every counter event type; which optional fields are required depends on <see cref="Type"/>
/// (see the contract's table).
/// </summary>
public sealed record CounterEvent : DeviceMessage
{
    [JsonPropertyName(CounterEventFields.Type)] public required CounterEventType Type { get; init; }
    [JsonPropertyName(CounterEventFields.TicketId)] public string? TicketId { get; init; }
    [JsonPropertyName(CounterEventFields.ServiceId)] public string? ServiceId { get; init; }
    [JsonPropertyName(CounterEventFields.CounterNo)] public int? CounterNo { get; init; }
    [JsonPropertyName(CounterEventFields.CaseId)] public string? CaseId { get; init; }
    [JsonPropertyName(CounterEventFields.Channel)] public CaseChannel? Channel { get; init; }
    [JsonPropertyName(CounterEventFields.DueAt)] public DateTimeOffset? DueAt { get; init; }
    [JsonPropertyName(CounterEventFields.Score)] public int? Score { get; init; }
}
