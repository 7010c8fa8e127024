using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Contracts.Ingestion.Readings;

/// <summary>A stored one-stop office queue telemetry message, read by field.</summary>
public readonly record struct CounterTelemetryReading(StoredReading Stored)
{
    public ServiceStatus? ServiceStatus =>
        WireValue.ToEnum<ServiceStatus>(ServiceStatuses.All, Stored.TextOrDefault(CounterTelemetryFields.ServiceStatus));

    public long Waiting => (long)Stored.NumberOrDefault(CounterTelemetryFields.Waiting);
    public long CountersOpen => (long)Stored.NumberOrDefault(CounterTelemetryFields.CountersOpen);
}

/// <summary>A stored one-stop office queue event, read by field.</summary>
public readonly record struct CounterEventReading(StoredReading Stored)
{
    public CounterEventType? Type => WireValue.ToEnum<CounterEventType>(CounterEventTypes.All, Stored.EventType);
    public string? TicketId => Stored.TextOrDefault(CounterEventFields.TicketId);
    public string? ServiceId => Stored.TextOrDefault(CounterEventFields.ServiceId);
    public long? CounterNo => Stored.TryGetNumber(CounterEventFields.CounterNo, out var v) ? (long)v : null;
    public string? CaseId => Stored.TextOrDefault(CounterEventFields.CaseId);
    public CaseChannel? Channel => WireValue.ToEnum<CaseChannel>(CaseChannels.All, Stored.TextOrDefault(CounterEventFields.Channel));

    /// <summary>Stored in UTC round-trip form by the validator.</summary>
    public DateTimeOffset? DueAt => Stored.TryGetText(CounterEventFields.DueAt, out var v)
        ? DateTimeOffset.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public long? Score => Stored.TryGetNumber(CounterEventFields.Score, out var v) ? (long)v : null;
}
