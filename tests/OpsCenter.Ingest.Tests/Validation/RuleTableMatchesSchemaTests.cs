using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Schemas;
using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>
/// The JSON Schemas are the source of truth for the device contract; the validator's rule table must agree with them
/// on every property of every message. The doctored-schema tests show the comparison notices a change on either side.
/// </summary>
public class RuleTableMatchesSchemaTests
{
    public static TheoryData<DeviceKind, DeviceChannel> MessageTypes()
    {
        var data = new TheoryData<DeviceKind, DeviceChannel>();
        foreach (var kind in Enum.GetValues<DeviceKind>())
        {
            foreach (var channel in Enum.GetValues<DeviceChannel>())
                data.Add(kind, channel);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Rule_table_agrees_with_the_schema_on_every_property(DeviceKind kind, DeviceChannel channel)
    {
        var rules = MessageRules.For(kind, channel);

        Assert.Equal(DeviceSchemas.HasSchema(kind, channel), rules is not null);
        if (rules is not null)
            Assert.Empty(RuleTableComparison.Differences(Schema(kind, channel), rules));
    }

    [Fact]
    public void A_field_added_to_the_schema_only_is_a_difference()
    {
        var schema = Doctor(DeviceKind.Traffic, s => s["properties"]!["laneCount"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 });

        var differences = RuleTableComparison.Differences(schema, ContractRules.TrafficTelemetry);

        Assert.Contains("'laneCount' is in the schema but not in the rule table", differences);
    }

    [Fact]
    public void A_field_added_to_the_rule_table_only_is_a_difference()
    {
        var rules = new MessageRules([.. ContractRules.TrafficTelemetry.Fields, new FieldRule("laneCount", FieldKind.Integer, min: 1)]);

        var differences = RuleTableComparison.Differences(Schema(DeviceKind.Traffic, DeviceChannel.Telemetry), rules);

        Assert.Contains("'laneCount' is in the rule table but not in the schema", differences);
    }

    [Theory]
    [InlineData("maximum", "300", "'averageVehicleSpeed': maximum is 250 in the rule table, 300 in the schema")]
    [InlineData("minimum", "-1", "'averageVehicleSpeed': minimum is 0 in the rule table, -1 in the schema")]
    [InlineData("type", "\"integer\"", "'averageVehicleSpeed': type is number in the rule table, integer in the schema")]
    [InlineData("multipleOf", "0.5", "'averageVehicleSpeed': schema keyword 'multipleOf' has no counterpart in the rule (Number)")]
    public void A_changed_keyword_of_a_schema_property_is_a_difference(string keyword, string rawValue, string expected)
    {
        var schema = Doctor(DeviceKind.Traffic, s => s["properties"]!["averageVehicleSpeed"]![keyword] = JsonNode.Parse(rawValue));

        Assert.Contains(expected, RuleTableComparison.Differences(schema, ContractRules.TrafficTelemetry));
    }

    [Fact]
    public void An_enum_value_added_to_the_schema_is_a_difference()
    {
        var schema = Doctor(DeviceKind.Counter, s => s["properties"]!["serviceStatus"]!["enum"]!.AsArray().Add("lunchBreak"));

        var differences = RuleTableComparison.Differences(schema, ContractRules.CounterTelemetry);

        Assert.Contains(differences, d => d.StartsWith("'serviceStatus': enum is", StringComparison.Ordinal) && d.Contains("lunchBreak", StringComparison.Ordinal));
    }

    [Fact]
    public void A_vehicle_type_added_to_the_schema_is_a_difference()
    {
        var schema = Doctor(DeviceKind.Traffic, s => s["properties"]!["vehicleTypes"]!["propertyNames"]!["enum"]!.AsArray().Add("tractor"));

        Assert.Contains(RuleTableComparison.Differences(schema, ContractRules.TrafficTelemetry), d => d.Contains("tractor", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_made_required_in_the_schema_only_is_a_difference()
    {
        var schema = Doctor(DeviceKind.Traffic, s => s["required"]!.AsArray().Add("laneId"));

        Assert.Contains("'laneId': required False in the rule table, True in the schema",
            RuleTableComparison.Differences(schema, ContractRules.TrafficTelemetry));
    }

    [Fact]
    public void A_changed_event_requirement_is_a_difference()
    {
        var schema = Doctor(DeviceKind.Counter, DeviceChannel.Event,
            s => s["allOf"]![0]!["then"]!["required"]!.AsArray().Add("counterNo"));

        Assert.Contains(RuleTableComparison.Differences(schema, ContractRules.CounterEvent),
            d => d.StartsWith("event 'ticketIssued'", StringComparison.Ordinal));
    }

    private static JsonElement Schema(DeviceKind kind, DeviceChannel channel) =>
        JsonDocument.Parse(DeviceSchemas.GetSchemaText(kind, channel)).RootElement;

    private static JsonElement Doctor(DeviceKind kind, Action<JsonNode> change) => Doctor(kind, DeviceChannel.Telemetry, change);

    private static JsonElement Doctor(DeviceKind kind, DeviceChannel channel, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(DeviceSchemas.GetSchemaText(kind, channel))!;
        change(node);
        return JsonSerializer.SerializeToElement(node);
    }
}
