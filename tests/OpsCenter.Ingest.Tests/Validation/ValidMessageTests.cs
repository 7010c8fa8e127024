using System.Text;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

public class ValidMessageTests
{
    private readonly MessageValidator _validator = new();

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(ContractExamples))]
    public void Accepts_every_example_of_the_contract(string name)
    {
        var example = Get(name);
        var result = _validator.Validate(example.Topic, example.Payload, Now);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(new DeviceTopic(example.Kind, example.DeviceId, example.Channel), result.Topic);
        Assert.Equal(example.DeviceId, result.Reading.DeviceId);
        Assert.Equal(example.Kind, result.Reading.Kind);
        Assert.Equal(example.Channel, result.Reading.Channel);
        Assert.Equal(DateTimeOffset.Parse(Ts, System.Globalization.CultureInfo.InvariantCulture), result.Reading.Ts);
        Assert.False(result.Reading.Late);
    }

    [Fact]
    public void Camera_telemetry_maps_numbers_and_flags_by_contract_name()
    {
        var reading = Accept(CameraTelemetry);

        Assert.Equal(18, reading.Seq);
        Assert.Null(reading.EventType);
        Assert.Equal(new Dictionary<string, double>
        {
            ["fps"] = 25, ["bitrateKbps"] = 4096, ["storageFreePct"] = 63.5, ["peopleCount"] = 12, ["vehicleCount"] = 30,
        }, reading.Numbers);
        Assert.Equal(new Dictionary<string, bool> { ["online"] = true, ["recording"] = true }, reading.Flags);
        Assert.Empty(reading.Texts);
    }

    [Fact]
    public void Camera_event_keeps_type_as_event_type_and_enums_as_texts()
    {
        var reading = Accept(CameraEvent);

        Assert.Equal("crowd", reading.EventType);
        Assert.Equal("major", reading.Texts["severity"]);
        Assert.Equal("https://nvr.example/snap/8812.jpg", reading.Texts["snapshotUrl"]);
        Assert.Equal(85, reading.Numbers["objectCount"]);
        Assert.Equal(0.91, reading.Numbers["confidence"]);
        Assert.False(reading.Texts.ContainsKey("type"));
    }

    [Fact]
    public void Traffic_vehicle_types_are_flattened_into_numbers()
    {
        var reading = Accept(Traffic);

        Assert.Equal(30, reading.Numbers["vehicleTypes.motorcycle"]);
        Assert.Equal(10, reading.Numbers["vehicleTypes.car"]);
        Assert.Equal(1, reading.Numbers["vehicleTypes.bus"]);
        Assert.Equal(1, reading.Numbers["vehicleTypes.truck"]);
        Assert.False(reading.Numbers.ContainsKey("vehicleTypes.bicycle"));
        Assert.Equal(60, reading.Numbers["periodSeconds"]);
        Assert.Equal(0.35, reading.Numbers["occupancy"]);
        Assert.False(reading.Flags["congested"]);
    }

    [Fact]
    public void Counter_and_status_enums_and_strings_are_texts()
    {
        Assert.Equal("open", Accept(CounterTelemetry).Texts["serviceStatus"]);
        var status = Accept(Status);
        Assert.Equal("online", status.Texts["state"]);
        Assert.Equal("5.7.3", status.Texts["firmwareVersion"]);
        Assert.Equal("10.20.3.42", status.Texts["ipAddress"]);
        Assert.Equal(-61, status.Numbers["rssi"]);
    }

    [Fact]
    public void Case_due_date_is_stored_as_normalized_utc()
    {
        var reading = Accept(Get("counter-event-caseReceived"));

        Assert.Equal("caseReceived", reading.EventType);
        Assert.Equal("2026-12-03T10:00:00.0000000Z", reading.Texts["dueAt"]);
        Assert.Equal("inPerson", reading.Texts["channel"]);
        Assert.Equal("HS-2026-000123", reading.Texts["caseId"]);
    }

    [Fact]
    public void Unknown_top_level_fields_are_ignored_and_not_stored()
    {
        var payload = CameraTelemetry.With("firmwareExtras", new JsonObject { ["a"] = new JsonArray(1, 2) });
        var result = _validator.Validate(CameraTelemetry.Topic, CameraTelemetry.With("zoom", 3), Now);
        var nested = _validator.Validate(CameraTelemetry.Topic, payload, Now);

        Assert.True(result.IsValid, result.ToString());
        Assert.True(nested.IsValid, nested.ToString());
        Assert.False(result.Reading.Numbers.ContainsKey("zoom"));
    }

    [Fact]
    public void Fields_of_other_message_types_are_ignored()
    {
        var result = _validator.Validate(Traffic.Topic, Traffic.With("fps", 25), Now);

        Assert.True(result.IsValid, result.ToString());
        Assert.False(result.Reading.Numbers.ContainsKey("fps"));
    }

    [Fact]
    public void Escaped_names_and_values_are_read_like_plain_ones()
    {
        var json = CounterTelemetry.Json.Replace("\"serviceStatus\":\"open\"", "\"service\\u0053tatus\":\"op\\u0065n\"", StringComparison.Ordinal);
        var reading = Accept(CounterTelemetry, Encoding.UTF8.GetBytes(json));

        Assert.Equal("open", reading.Texts["serviceStatus"]);
    }

    [Fact]
    public void Integral_numbers_written_with_a_fraction_or_exponent_are_integers()
    {
        Assert.Equal(7, Accept(CounterTelemetry, CounterTelemetry.WithRaw("waiting", "7.0")).Numbers["waiting"]);
        Assert.Equal(700, Accept(CounterTelemetry, CounterTelemetry.WithRaw("waiting", "7e2")).Numbers["waiting"]);
    }

    [Fact]
    public void Whitespace_around_the_object_is_allowed()
    {
        Accept(CounterTelemetry, Encoding.UTF8.GetBytes(" \r\n\t" + CounterTelemetry.Json + "\n"));
    }

    private Contracts.Ingestion.StoredReading Accept(Example example, byte[]? payload = null)
    {
        var result = _validator.Validate(example.Topic, payload ?? example.Payload, Now);
        Assert.True(result.IsValid, result.ToString());
        return result.Reading;
    }
}
