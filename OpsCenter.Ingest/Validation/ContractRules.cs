using static OpsCenter.Ingest.Validation.FieldKind;

namespace OpsCenter.Ingest.Validation;

/// <summary>The device contract v1 (docs/device-contract.md), message by message. The JSON Schemas mirror this table.</summary>
internal static class ContractRules
{
    public static readonly string[] CameraEventTypes =
    [
        "motion", "tamper", "videoLoss", "imageTooDark", "imageTooBlurry", "crowd", "intrusion",
        "lineCrossed", "wrongWay", "accident", "fire", "storageFailure",
    ];

    public static readonly string[] Severities = ["info", "minor", "major", "critical"];
    public static readonly string[] VehicleTypes = ["motorcycle", "car", "bus", "truck", "bicycle", "other"];
    public static readonly string[] ServiceStatuses = ["open", "closed", "suspended"];
    public static readonly string[] States = ["online", "degraded", "offline"];
    public static readonly string[] CaseChannels = ["online", "inPerson"];

    public static readonly string[] CounterEventTypes =
        ["ticketIssued", "ticketCalled", "ticketServed", "ticketNoShow", "caseReceived", "caseResolved", "rating"];

    private const double Int64Max = long.MaxValue;

    /// <summary>Each vehicle class's count is checked and stored like a field of its own: <c>vehicleTypes.car</c>.</summary>
    public static readonly FieldRule[] VehicleCountRules =
        Array.ConvertAll(VehicleTypes, t => new FieldRule("vehicleTypes." + t, Integer, max: Int64Max));

    public static readonly MessageRules Status = new(
    [
        .. Common(),
        new("state", Choice, required: true, choices: States),
        new("firmwareVersion", Text),
        new("ipAddress", Text),
        new("rssi", Integer, min: -200, max: 200),
        new("batteryLevel", Number, max: 1),
    ]);

    public static readonly MessageRules CameraTelemetry = new(
    [
        .. Common(),
        new("online", Flag, required: true),
        new("fps", Number, required: true),
        new("bitrateKbps", Number, required: true),
        new("recording", Flag, required: true),
        new("storageFreePct", Number, max: 100),
        new("peopleCount", Integer, max: Int64Max),
        new("vehicleCount", Integer, max: Int64Max),
    ]);

    public static readonly MessageRules CameraEvent = new(
    [
        .. Common(),
        new("type", EventType, required: true, choices: CameraEventTypes),
        new("severity", Choice, required: true, choices: Severities),
        new("objectCount", Integer, max: Int64Max),
        new("confidence", Number, max: 1),
        new("snapshotUrl", Url),
    ]);

    public static readonly MessageRules TrafficTelemetry = new(
    [
        .. Common(),
        new("periodSeconds", Integer, required: true, min: 1, max: 3600),
        new("laneId", Integer, min: 1, max: int.MaxValue),
        new("intensity", Integer, required: true, max: Int64Max),
        new("occupancy", Number, required: true, max: 1),
        new("averageVehicleSpeed", Number, required: true, max: 250),
        new("congested", Flag),
        new("vehicleTypes", VehicleCounts, choices: VehicleTypes),
    ]);

    public static readonly MessageRules CounterTelemetry = new(
    [
        .. Common(),
        new("serviceStatus", Choice, required: true, choices: ServiceStatuses),
        new("waiting", Integer, required: true, max: Int64Max),
        new("countersOpen", Integer, required: true, max: Int64Max),
    ]);

    public static readonly MessageRules CounterEvent = new(
    [
        .. Common(),
        new("type", EventType, required: true, choices: CounterEventTypes),
        new("ticketId", Text),
        new("serviceId", Text),
        new("counterNo", Integer, min: 1, max: int.MaxValue),
        new("caseId", Text),
        new("channel", Choice, choices: CaseChannels),
        new("dueAt", Timestamp),
        new("score", Integer, min: 1, max: 5),
    ], CounterEventRequirements);

    private static FieldRule[] Common() =>
    [
        new("deviceId", DeviceId, required: true),
        new("ts", Ts, required: true),
        new("seq", Seq, required: true, max: Int64Max),
    ];

    private static Dictionary<string, EventRequirement> CounterEventRequirements(MessageRules rules) => new()
    {
        ["ticketIssued"] = new(rules.MaskOf("ticketId", "serviceId"), 0),
        ["ticketCalled"] = new(rules.MaskOf("ticketId", "counterNo"), 0),
        ["ticketServed"] = new(rules.MaskOf("ticketId"), 0),
        ["ticketNoShow"] = new(rules.MaskOf("ticketId"), 0),
        ["caseReceived"] = new(rules.MaskOf("caseId", "serviceId", "channel", "dueAt"), 0),
        ["caseResolved"] = new(rules.MaskOf("caseId"), 0),
        ["rating"] = new(rules.MaskOf("score"), rules.MaskOf("ticketId", "caseId"), "event 'rating' requires 'ticketId' or 'caseId'"),
    };
}
