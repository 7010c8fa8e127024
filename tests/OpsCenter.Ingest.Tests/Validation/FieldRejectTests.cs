using System.Text.Json.Nodes;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>Rejections for the fields of each message type: presence, type, range, enums, deviceId.</summary>
public class FieldRejectTests
{
    private readonly MessageValidator _validator = new();

    public static TheoryData<string, string> RequiredFields => new()
    {
        { "status", "deviceId" }, { "status", "ts" }, { "status", "seq" }, { "status", "state" },
        { "camera-telemetry", "online" }, { "camera-telemetry", "fps" }, { "camera-telemetry", "bitrateKbps" }, { "camera-telemetry", "recording" },
        { "camera-event", "type" }, { "camera-event", "severity" },
        { "traffic-telemetry", "periodSeconds" }, { "traffic-telemetry", "intensity" }, { "traffic-telemetry", "occupancy" }, { "traffic-telemetry", "averageVehicleSpeed" },
        { "counter-telemetry", "serviceStatus" }, { "counter-telemetry", "waiting" }, { "counter-telemetry", "countersOpen" },
        { "counter-event-ticketServed", "type" },
    };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Rejects_a_missing_required_field(string example, string field)
    {
        var result = Validate(Get(example), Get(example).Without(field));

        RejectAssert.Rejected(RejectReason.MissingField, result);
        Assert.Contains($"'{field}'", result.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> WrongTypes => new()
    {
        { "camera-telemetry", "fps", "\"25\"" }, { "camera-telemetry", "online", "1" }, { "camera-telemetry", "recording", "\"true\"" },
        { "camera-telemetry", "peopleCount", "12.5" }, { "camera-telemetry", "storageFreePct", "null" },
        { "camera-event", "severity", "3" }, { "camera-event", "type", "[\"crowd\"]" }, { "camera-event", "snapshotUrl", "{}" },
        { "traffic-telemetry", "intensity", "\"42\"" }, { "traffic-telemetry", "vehicleTypes", "[30,10]" }, { "traffic-telemetry", "congested", "0" },
        { "counter-telemetry", "waiting", "true" }, { "status", "deviceId", "42" }, { "status", "seq", "\"17\"" }, { "status", "seq", "1.5" },
        { "status", "firmwareVersion", "5.7" }, { "status", "rssi", "-61.5" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Rejects_a_field_of_the_wrong_type(string example, string field, string rawValue)
    {
        var result = Validate(Get(example), Get(example).WithRaw(field, rawValue));

        RejectAssert.Rejected(RejectReason.WrongType, result);
        Assert.Contains($"'{field}'", result.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> OutOfRange => new()
    {
        { "camera-telemetry", "fps", "-0.1" }, { "camera-telemetry", "bitrateKbps", "-1" }, { "camera-telemetry", "storageFreePct", "100.5" },
        { "camera-telemetry", "peopleCount", "-1" }, { "camera-telemetry", "vehicleCount", "9223372036854775808" },
        { "camera-event", "confidence", "1.01" }, { "camera-event", "objectCount", "-5" },
        { "camera-event", "snapshotUrl", "\"ftp://nvr.example/snap.jpg\"" }, { "camera-event", "snapshotUrl", "\"/snap/8812.jpg\"" },
        { "camera-event", "snapshotUrl", "\"javascript:alert(1)\"" },
        { "traffic-telemetry", "periodSeconds", "0" }, { "traffic-telemetry", "periodSeconds", "3601" }, { "traffic-telemetry", "laneId", "0" },
        { "traffic-telemetry", "occupancy", "1.5" }, { "traffic-telemetry", "averageVehicleSpeed", "250.1" }, { "traffic-telemetry", "intensity", "-1" },
        { "counter-telemetry", "waiting", "-1" }, { "counter-telemetry", "countersOpen", "1e30" },
        { "status", "seq", "-1" }, { "status", "batteryLevel", "1.2" }, { "status", "firmwareVersion", "\"\"" },
        { "status", "ipAddress", "\"" + new string('1', 129) + "\"" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Rejects_a_field_out_of_its_range(string example, string field, string rawValue)
    {
        var result = Validate(Get(example), Get(example).WithRaw(field, rawValue));

        RejectAssert.Rejected(RejectReason.OutOfRange, result);
        Assert.Contains($"'{field}'", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_limits_themselves_are_accepted()
    {
        Assert.True(Validate(Traffic, Traffic.WithRaw("periodSeconds", "3600")).IsValid);
        Assert.True(Validate(Traffic, Traffic.WithRaw("averageVehicleSpeed", "250")).IsValid);
        Assert.True(Validate(Traffic, Traffic.WithRaw("occupancy", "0")).IsValid);
        Assert.True(Validate(Status, Status.WithRaw("seq", "9223372036854775807")).IsValid);
        Assert.True(Validate(Status, Status.WithRaw("ipAddress", "\"" + new string('1', 128) + "\"")).IsValid);
    }

    [Theory]
    [InlineData("fps", "NaN")]
    [InlineData("fps", "Infinity")]
    [InlineData("fps", "-Infinity")]
    [InlineData("fps", "1e400")]
    [InlineData("fps", "-1e400")]
    [InlineData("fps", "\"NaN\"")]
    [InlineData("peopleCount", "1e400")]
    [InlineData("peopleCount", "NaN")]
    public void Rejects_non_finite_and_overflowing_numbers(string field, string rawValue) =>
        RejectAssert.Rejected(RejectReason.NonFiniteNumber, Validate(CameraTelemetry, CameraTelemetry.WithRaw(field, rawValue)));

    [Theory]
    [InlineData("status", "state", "sleeping")]
    [InlineData("status", "state", "Online")]
    [InlineData("camera-event", "type", "explosion")]
    [InlineData("camera-event", "severity", "catastrophic")]
    [InlineData("counter-telemetry", "serviceStatus", "busy")]
    [InlineData("counter-event-ticketServed", "type", "ticketLost")]
    [InlineData("counter-event-caseReceived", "channel", "email")]
    public void Rejects_unknown_enum_values(string example, string field, string value) =>
        RejectAssert.Rejected(RejectReason.UnknownEnum, Validate(Get(example), Get(example).With(field, value)));

    [Fact]
    public void Rejects_unknown_vehicle_types()
    {
        var result = Validate(Traffic, Traffic.With("vehicleTypes", new JsonObject { ["car"] = 3, ["tractor"] = 1 }));

        RejectAssert.Rejected(RejectReason.UnknownEnum, result);
    }

    [Theory]
    [InlineData("-1", RejectReason.OutOfRange)]
    [InlineData("1.5", RejectReason.WrongType)]
    [InlineData("\"3\"", RejectReason.WrongType)]
    [InlineData("1e400", RejectReason.NonFiniteNumber)]
    public void Rejects_bad_vehicle_counts(string rawCount, RejectReason reason)
    {
        var payload = Traffic.Json.Replace("\"car\":10", "\"car\":" + rawCount, StringComparison.Ordinal);

        RejectAssert.Rejected(reason, _validator.Validate(Traffic.Topic, System.Text.Encoding.UTF8.GetBytes(payload), Now));
    }

    [Fact]
    public void Accepts_all_vehicle_types_and_an_empty_breakdown()
    {
        var all = new JsonObject { ["motorcycle"] = 1, ["car"] = 2, ["bus"] = 3, ["truck"] = 4, ["bicycle"] = 5, ["other"] = 6 };

        Assert.True(Validate(Traffic, Traffic.With("vehicleTypes", all)).IsValid);
        Assert.True(Validate(Traffic, Traffic.With("vehicleTypes", new JsonObject())).IsValid);
    }

    [Theory]
    [InlineData("cam-lechan-0043")]
    [InlineData("CAM-LECHAN-0042")]
    [InlineData("")]
    public void Rejects_a_device_id_that_differs_from_the_topic(string payloadId) =>
        RejectAssert.Rejected(RejectReason.DeviceIdMismatch, Validate(CameraTelemetry, CameraTelemetry.With("deviceId", payloadId)));

    private ValidationResult Validate(Example example, byte[] payload) => _validator.Validate(example.Topic, payload, Now);
}
