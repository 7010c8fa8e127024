using OpsCenter.Contracts.Devices.Fields;
using static OpsCenter.Ingest.Validation.FieldKind;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// The device contract v1 as the validator applies it, message by message. Names and enum values come from
/// <c>OpsCenter.Contracts.Devices.Fields</c>; types, ranges and required-ness are proven equal to the JSON Schemas
/// (the source of truth) by <c>RuleTableMatchesSchemaTests</c>.
/// </summary>
internal static class ContractRules
{
    private const double Int64Max = long.MaxValue;

    /// <summary>Each vehicle class's count is checked and stored like a field of its own: <c>vehicleTypes.car</c>.</summary>
    public static readonly FieldRule[] VehicleCountRules =
        [.. VehicleTypes.StoredNames.Select(name => new FieldRule(name, Integer, max: Int64Max))];

    public static readonly MessageRules Status = new(
    [
        .. Common(),
        new(StatusFields.State, Choice, required: true, choices: DeviceStates.All),
        new(StatusFields.FirmwareVersion, Text),
        new(StatusFields.IpAddress, Text),
        new(StatusFields.Rssi, Integer, min: -200, max: 200),
        new(StatusFields.BatteryLevel, Number, max: 1),
    ]);

    public static readonly MessageRules CameraTelemetry = new(
    [
        .. Common(),
        new(CameraTelemetryFields.Online, Flag, required: true),
        new(CameraTelemetryFields.Fps, Number, required: true),
        new(CameraTelemetryFields.BitrateKbps, Number, required: true),
        new(CameraTelemetryFields.Recording, Flag, required: true),
        new(CameraTelemetryFields.StorageFreePct, Number, max: 100),
        new(CameraTelemetryFields.PeopleCount, Integer, max: Int64Max),
        new(CameraTelemetryFields.VehicleCount, Integer, max: Int64Max),
    ]);

    public static readonly MessageRules CameraEvent = new(
    [
        .. Common(),
        new(CameraEventFields.Type, EventType, required: true, choices: CameraEventTypes.All),
        new(CameraEventFields.Severity, Choice, required: true, choices: Severities.All),
        new(CameraEventFields.ObjectCount, Integer, max: Int64Max),
        new(CameraEventFields.Confidence, Number, max: 1),
        new(CameraEventFields.SnapshotUrl, Url),
    ]);

    public static readonly MessageRules TrafficTelemetry = new(
    [
        .. Common(),
        new(TrafficTelemetryFields.PeriodSeconds, Integer, required: true, min: 1, max: 3600),
        new(TrafficTelemetryFields.LaneId, Integer, min: 1, max: int.MaxValue),
        new(TrafficTelemetryFields.Intensity, Integer, required: true, max: Int64Max),
        new(TrafficTelemetryFields.Occupancy, Number, required: true, max: 1),
        new(TrafficTelemetryFields.AverageVehicleSpeed, Number, required: true, max: 250),
        new(TrafficTelemetryFields.Congested, Flag),
        new(TrafficTelemetryFields.VehicleTypes, VehicleCounts, choices: VehicleTypes.All),
    ]);

    public static readonly MessageRules CounterTelemetry = new(
    [
        .. Common(),
        new(CounterTelemetryFields.ServiceStatus, Choice, required: true, choices: ServiceStatuses.All),
        new(CounterTelemetryFields.Waiting, Integer, required: true, max: Int64Max),
        new(CounterTelemetryFields.CountersOpen, Integer, required: true, max: Int64Max),
    ]);

    public static readonly MessageRules CounterEvent = new(
    [
        .. Common(),
        new(CounterEventFields.Type, EventType, required: true, choices: CounterEventTypes.All),
        new(CounterEventFields.TicketId, Text),
        new(CounterEventFields.ServiceId, Text),
        new(CounterEventFields.CounterNo, Integer, min: 1, max: int.MaxValue),
        new(CounterEventFields.CaseId, Text),
        new(CounterEventFields.Channel, Choice, choices: CaseChannels.All),
        new(CounterEventFields.DueAt, Timestamp),
        new(CounterEventFields.Score, Integer, min: 1, max: 5),
    ], CounterEventRequirements);

    private static FieldRule[] Common() =>
    [
        new(CommonFields.DeviceId, DeviceId, required: true),
        new(CommonFields.Ts, Ts, required: true),
        new(CommonFields.Seq, Seq, required: true, max: Int64Max),
    ];

    private static Dictionary<string, EventRequirement> CounterEventRequirements(MessageRules rules)
    {
        const string ticket = CounterEventFields.TicketId, caseId = CounterEventFields.CaseId;
        return new()
        {
            [CounterEventTypes.TicketIssued] = new(rules.MaskOf(ticket, CounterEventFields.ServiceId), 0),
            [CounterEventTypes.TicketCalled] = new(rules.MaskOf(ticket, CounterEventFields.CounterNo), 0),
            [CounterEventTypes.TicketServed] = new(rules.MaskOf(ticket), 0),
            [CounterEventTypes.TicketNoShow] = new(rules.MaskOf(ticket), 0),
            [CounterEventTypes.CaseReceived] = new(
                rules.MaskOf(caseId, CounterEventFields.ServiceId, CounterEventFields.Channel, CounterEventFields.DueAt), 0),
            [CounterEventTypes.CaseResolved] = new(rules.MaskOf(caseId), 0),
            [CounterEventTypes.Rating] = new(rules.MaskOf(CounterEventFields.Score), rules.MaskOf(ticket, caseId),
                $"event '{CounterEventTypes.Rating}' requires '{ticket}' or '{caseId}'"),
        };
    }
}
