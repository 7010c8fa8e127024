using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Schemas;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>The shipped JSON Schemas agree with the validator on the contract's examples and on typical mistakes.</summary>
public class SchemaTests
{
    private readonly MessageValidator _validator = new();

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(ContractExamples))]
    public void Every_contract_example_satisfies_its_schema(string name)
    {
        var example = Get(name);
        var results = Evaluate(example, example.Json);

        Assert.True(results.IsValid, Describe(results));
    }

    public static TheoryData<string, string, string> Breakages => new()
    {
        { "camera-telemetry", "fps", "-1" },
        { "camera-telemetry", "online", "\"yes\"" },
        { "camera-event", "severity", "\"catastrophic\"" },
        { "camera-event", "snapshotUrl", "\"ftp://nvr.example/x.jpg\"" },
        { "traffic-telemetry", "vehicleTypes", "{\"tractor\":1}" },
        { "traffic-telemetry", "periodSeconds", "3601" },
        { "counter-telemetry", "serviceStatus", "\"busy\"" },
        { "counter-event-rating", "score", "6" },
        { "counter-event-caseReceived", "dueAt", "\"2026-12-03\"" },
        { "status", "ts", "\"2026-11-26T08:15:00\"" },
        { "status", "seq", "-1" },
        { "status", "deviceId", "\"cam/42\"" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Schema_and_validator_both_reject_typical_mistakes(string name, string field, string rawValue)
    {
        var example = Get(name);
        var payload = example.WithRaw(field, rawValue);

        Assert.False(Evaluate(example, System.Text.Encoding.UTF8.GetString(payload)).IsValid);
        Assert.False(_validator.Validate(example.Topic, payload, Now).IsValid);
    }

    [Theory]
    [InlineData("counter-event-ticketCalled", "counterNo")]
    [InlineData("counter-event-caseReceived", "dueAt")]
    [InlineData("counter-event-rating", "ticketId")]
    [InlineData("camera-telemetry", "recording")]
    public void Schema_requires_the_same_fields_as_the_validator(string name, string field)
    {
        var example = Get(name);

        Assert.False(Evaluate(example, System.Text.Encoding.UTF8.GetString(example.Without(field))).IsValid);
    }

    [Fact]
    public void Schemas_allow_fields_the_contract_does_not_name()
    {
        var payload = CameraTelemetry.Node;
        payload["newerFirmwareField"] = new JsonArray(1, 2);

        Assert.True(Evaluate(CameraTelemetry, payload.ToJsonString()).IsValid);
    }

    [Fact]
    public void Every_schema_loads_twice_and_declares_draft_2020_12()
    {
        foreach (var kind in Enum.GetValues<DeviceKind>())
        {
            foreach (var channel in Enum.GetValues<DeviceChannel>().Where(c => DeviceSchemas.HasSchema(kind, c)))
            {
                var text = DeviceSchemas.GetSchemaText(kind, channel);
                // Parsing twice matters: callers build schemas per test, and a global $id would collide.
                _ = JsonSchema.FromText(text);
                _ = JsonSchema.FromText(text);
                Assert.Contains("https://json-schema.org/draft/2020-12/schema", text, StringComparison.Ordinal);
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => DeviceSchemas.GetSchemaText(DeviceKind.Traffic, DeviceChannel.Event));
    }

    [Theory]
    [InlineData("ops/v1/camera/cam-lechan-0042/telemetry")]
    [InlineData("ops/v1/counter/Q1/status")]
    [InlineData("ops/v1/traffic/tfd_07/event")]
    [InlineData("ops/v1/bus/x/telemetry")]
    [InlineData("ops/v1/camera//telemetry")]
    [InlineData("ops/v1/camera/x/telemetry/extra")]
    [InlineData("ops/v1/camera/x/status\n")]
    [InlineData("ops/v1/camera/ü/status")]
    public void Topic_regex_and_topic_schema_agree_with_the_topic_parser(string topic)
    {
        var expected = DeviceTopic.TryParse(topic, out _);
        var schema = JsonSchema.FromText(DeviceSchemas.GetTopicSchemaText());

        Assert.Equal(expected, DeviceSchemas.TopicRegex().IsMatch(topic));
        if (!topic.EndsWith('\n'))
            Assert.Equal(expected, schema.Evaluate(JsonSerializer.SerializeToElement(topic)).IsValid);
    }

    [Fact]
    public void Topic_regex_rejects_device_ids_over_64_characters()
    {
        Assert.Matches(DeviceSchemas.TopicRegex(), $"ops/v1/camera/{new string('a', 64)}/status");
        Assert.DoesNotMatch(DeviceSchemas.TopicRegex(), $"ops/v1/camera/{new string('a', 65)}/status");
    }

    private static EvaluationResults Evaluate(Example example, string json)
    {
        var schema = JsonSchema.FromText(DeviceSchemas.GetSchemaText(example.Kind, example.Channel));
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
