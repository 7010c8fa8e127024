using System.Text;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>Rejections decided before any field is read: topic, size, encoding, JSON shape.</summary>
public class PayloadRejectTests
{
    private readonly MessageValidator _validator = new();

    [Theory]
    [InlineData("ops/v1/bus/cam-1/telemetry")]
    [InlineData("ops/v1/camera/cam 1/telemetry")]
    [InlineData("ops/v1/camera/cam-1/telemetry/extra")]
    [InlineData("ops/v2/camera/cam-1/telemetry")]
    [InlineData("ops/v1/camera/cam-1")]
    [InlineData("ops/v1/camera/cam-1/Telemetry")]
    [InlineData("")]
    public void Rejects_topics_outside_the_grammar(string topic)
    {
        var result = _validator.Validate(topic, CameraTelemetry.Payload, Now);

        RejectAssert.Rejected(RejectReason.Topic, result);
        Assert.Null(result.Topic);
    }

    [Fact]
    public void Rejects_traffic_events_which_the_contract_does_not_define_but_keeps_the_device()
    {
        var result = _validator.Validate("ops/v1/traffic/tfd-lachtray-07/event", Traffic.Payload, Now);

        RejectAssert.Rejected(RejectReason.Topic, result);
        Assert.Equal("tfd-lachtray-07", result.Topic?.DeviceId);
    }

    [Fact]
    public void Rejects_payloads_over_64_KiB_but_accepts_exactly_64_KiB()
    {
        var padded = Pad(CounterTelemetry.Json, MessageValidator.MaxPayloadBytes);
        Assert.True(_validator.Validate(CounterTelemetry.Topic, padded, Now).IsValid);

        var tooBig = Pad(CounterTelemetry.Json, MessageValidator.MaxPayloadBytes + 1);
        RejectAssert.Rejected(RejectReason.TooLarge, _validator.Validate(CounterTelemetry.Topic, tooBig, Now));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x80 })]
    public void Rejects_invalid_utf8_anywhere_in_the_payload(byte[] bad)
    {
        // Inside an ignored field's value too: the whole payload must be UTF-8, not just the fields read.
        var json = Encoding.UTF8.GetBytes(CounterTelemetry.Json[..^1] + ",\"note\":\"x");
        byte[] payload = [.. json, .. bad, .. "\"}"u8];

        RejectAssert.Rejected(RejectReason.NotUtf8, _validator.Validate(CounterTelemetry.Topic, payload, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"deviceId\":\"q-hongbang-ubnd\",}")]
    [InlineData("{'deviceId':'q-hongbang-ubnd'}")]
    [InlineData("{\"a\":1 // comment\n}")]
    [InlineData("\uFEFF{}")]
    [InlineData("{\"a\":tru}")]
    public void Rejects_payloads_that_are_not_json(string payload) =>
        RejectAssert.Rejected(RejectReason.NotJson, _validator.Validate(CounterTelemetry.Topic, Encoding.UTF8.GetBytes(payload), Now));

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"deviceId\":\"q-hongbang-ubnd\"}]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{} {}")]
    [InlineData("{}x")]
    public void Rejects_payloads_that_are_not_a_single_object(string payload) =>
        RejectAssert.Rejected(RejectReason.NotObject, _validator.Validate(CounterTelemetry.Topic, Encoding.UTF8.GetBytes(payload), Now));

    [Fact]
    public void Rejects_a_valid_message_followed_by_another()
    {
        var twice = Encoding.UTF8.GetBytes(CounterTelemetry.Json + "\n" + CounterTelemetry.Json);

        RejectAssert.Rejected(RejectReason.NotObject, _validator.Validate(CounterTelemetry.Topic, twice, Now));
    }

    [Theory]
    [InlineData("\"waiting\":7", "\"waiting\":7,\"waiting\":8")]
    [InlineData("\"waiting\":7", "\"waiting\":7,\"wait\\u0069ng\":7")]
    [InlineData("\"waiting\":7", "\"waiting\":7,\"x\":{\"a\":1,\"b\":2,\"a\":3}")]
    [InlineData("\"waiting\":7", "\"waiting\":7,\"x\":[{\"a\":1},{\"b\":[{\"c\":1,\"c\":1}]}]")]
    [InlineData("\"seq\":90", "\"seq\":90,\"seq\":90")]
    public void Rejects_a_key_repeated_in_any_object(string find, string replace) =>
        RejectAssert.Rejected(RejectReason.DuplicateKey, Validate(CounterTelemetry, find, replace));

    [Fact]
    public void Rejects_duplicate_vehicle_types()
    {
        var result = Validate(Traffic, "\"car\":10", "\"car\":10,\"car\":11");

        RejectAssert.Rejected(RejectReason.DuplicateKey, result);
    }

    [Fact]
    public void Same_key_in_sibling_objects_is_not_a_duplicate()
    {
        var result = Validate(CounterTelemetry, "\"waiting\":7", "\"waiting\":7,\"x\":[{\"a\":1},{\"a\":2}],\"y\":{\"a\":{\"a\":1}}");

        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Detects_duplicates_in_objects_with_many_keys()
    {
        var keys = string.Join(',', Enumerable.Range(0, 500).Select(i => $"\"k{i}\":{i}"));
        var unique = Validate(CounterTelemetry, "\"waiting\":7", $"\"waiting\":7,\"x\":{{{keys}}}");
        var repeated = Validate(CounterTelemetry, "\"waiting\":7", $"\"waiting\":7,\"x\":{{{keys},\"k250\":0}}");

        Assert.True(unique.IsValid, unique.ToString());
        RejectAssert.Rejected(RejectReason.DuplicateKey, repeated);
    }

    [Theory]
    [InlineData("\"waiting\":7", "\"waiting\":\"x\",\"y\":1,\"y\":2", RejectReason.DuplicateKey)]
    [InlineData("\"waiting\":7", "\"waiting\":{\"a\":1,\"a\":2}", RejectReason.DuplicateKey)]
    [InlineData("\"waiting\":7", "\"waiting\":-1,\"x\":[1,}", RejectReason.NotJson)]
    [InlineData("\"waiting\":7", "\"waiting\":[[[[[[[[[1]]]]]]]]]", RejectReason.TooDeep)]
    public void A_shape_fault_after_a_field_fault_still_decides_the_reason(string find, string replace, RejectReason expected) =>
        // Fields and shape are checked in one pass; a payload that is not one well-formed object is named so first.
        RejectAssert.Rejected(expected, Validate(CounterTelemetry, find, replace));

    [Theory]
    [InlineData("\"car\":10", "\"van\":10,\"car\":{\"a\":1,\"a\":1}", RejectReason.DuplicateKey)]
    [InlineData("\"car\":10", "\"car\":\"ten\",\"x\":{\"a\":1,\"a\":1}", RejectReason.DuplicateKey)]
    [InlineData("\"car\":10", "\"car\":{\"a\":1}", RejectReason.WrongType)]
    [InlineData("\"car\":10", "\"van\":10", RejectReason.UnknownEnum)]
    public void Vehicle_counts_are_read_inside_the_same_walk(string find, string replace, RejectReason expected) =>
        RejectAssert.Rejected(expected, Validate(Traffic, find, replace));

    [Fact]
    public void Accepts_nesting_up_to_the_limit_and_rejects_deeper()
    {
        // The message object itself is level 1.
        string Nested(int levels) => string.Concat(Enumerable.Repeat("[", levels - 1)) + string.Concat(Enumerable.Repeat("]", levels - 1));

        Assert.True(Validate(CounterTelemetry, "\"waiting\":7", $"\"waiting\":7,\"x\":{Nested(JsonShape.MaxDepth)}").IsValid);
        RejectAssert.Rejected(RejectReason.TooDeep, Validate(CounterTelemetry, "\"waiting\":7", $"\"waiting\":7,\"x\":{Nested(JsonShape.MaxDepth + 1)}"));
        RejectAssert.Rejected(RejectReason.TooDeep, Validate(CounterTelemetry, "\"waiting\":7", "\"waiting\":7,\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 5000))));
    }

    private ValidationResult Validate(Example example, string find, string replace)
    {
        Assert.Contains(find, example.Json, StringComparison.Ordinal);
        var json = example.Json.Replace(find, replace, StringComparison.Ordinal);
        return _validator.Validate(example.Topic, Encoding.UTF8.GetBytes(json), Now);
    }

    private static byte[] Pad(string json, int totalBytes)
    {
        var filler = totalBytes - Encoding.UTF8.GetByteCount(json) - ",\"pad\":\"\"".Length;
        return Encoding.UTF8.GetBytes(json.TrimEnd('}') + ",\"pad\":\"" + new string('x', filler) + "\"}");
    }
}
