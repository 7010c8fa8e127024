using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.ContractExamples;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>Seeded generators of valid and malformed device messages for the fuzz test.</summary>
internal sealed class MalformedMessages(int seed)
{
    public sealed record Case(string Kind, string Topic, byte[] Payload, bool Valid, RejectReason? Expected = null);

    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];
    private static readonly string[] NonFinite = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1E+999"];
    private static readonly string[] WrongValues = ["\"x\"", "[]", "{}", "null", "true", "[1]", "7"];
    private static readonly string[] DeepOpeners = ["[", "{\"a\":"];

    private readonly Random _random = new(seed);
    private readonly byte[] _megabyte = Encoding.UTF8.GetBytes(CameraTelemetry.Json[..^1] + ",\"blob\":\"" + new string('x', 1 << 20) + "\"}");

    public Case Valid()
    {
        var example = Pick(All);
        var node = example.Node;
        node["seq"] = _random.NextInt64(0, long.MaxValue);
        node["ts"] = Now.AddSeconds(_random.Next(-6 * 24 * 3600, 4 * 60)).ToString("O");
        if (_random.Next(3) == 0)
            node["unknownNewerField"] = new JsonObject { ["nested"] = new JsonArray(1, "two", null) };
        var shuffled = new JsonObject();
        foreach (var (key, value) in node.OrderBy(_ => _random.Next()).ToList())
            shuffled[key] = value?.DeepClone();
        return new("valid", example.Topic, Encoding.UTF8.GetBytes(shuffled.ToJsonString()), Valid: true);
    }

    public Case Malformed() => _random.Next(14) switch
    {
        0 => new("randomBytes", Pick(All).Topic, RandomBytes(), false),
        1 => Truncated(),
        2 => Deep(),
        3 => new("megabyte", CameraTelemetry.Topic, _megabyte, false, RejectReason.TooLarge),
        4 => WrongType(),
        5 => Replace("nonFinite", Pick(NonFinite), RejectReason.NonFiniteNumber, numericOnly: true),
        6 => DuplicateKey(),
        7 => Mismatch(),
        8 => Replace("futureTs", $"\"{Now.AddMinutes(5).AddSeconds(1 + _random.Next(1_000_000)):O}\"", RejectReason.FutureTimestamp, field: "ts"),
        9 => Replace("tooOld", $"\"{Now.AddDays(-7).AddSeconds(-1 - _random.Next(1_000_000)):O}\"", RejectReason.TooOld, field: "ts"),
        10 => UnknownEnum(),
        11 => BadUtf8(),
        12 => Missing(),
        _ => new("badTopic", BadTopic(), Pick(All).Payload, false, RejectReason.Topic),
    };

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 300)];
        _random.NextBytes(bytes);
        if (bytes.Length > 0 && _random.Next(2) == 0)
            bytes[0] = (byte)'{';
        return bytes;
    }

    private Case Truncated()
    {
        var example = Pick(All);
        var payload = example.Payload;
        return new("truncated", example.Topic, payload[.._random.Next(0, payload.Length)], false);
    }

    private Case Deep()
    {
        var opener = Pick(DeepOpeners);
        var depth = _random.Next(JsonShape.MaxDepth, 3000);
        var json = CounterTelemetry.Json[..^1] + ",\"x\":" + string.Concat(Enumerable.Repeat(opener, depth)) + "1";
        // Closed or left truncated: either way the nesting limit is hit first.
        if (_random.Next(2) == 0)
            json += opener == "[" ? new string(']', depth) : new string('}', depth);
        return new("deep", CounterTelemetry.Topic, Encoding.UTF8.GetBytes(json + "}"), false, RejectReason.TooDeep);
    }

    private Case Replace(string kind, string raw, RejectReason? expected, bool numericOnly = false, string? field = null)
    {
        var example = Pick(All);
        var node = example.Node;
        var candidates = node.Where(p => p.Key != "deviceId" && (!numericOnly || p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number))
            .Select(p => p.Key).ToArray();
        var target = field ?? Pick(candidates);
        return new(kind + ":" + target, example.Topic, example.WithRaw(target, raw), false, expected);
    }

    private Case WrongType()
    {
        var example = Pick(All);
        var (field, value) = Pick(example.Node.Where(p => p.Key != "deviceId").ToArray());
        var kind = Normalize(value!.GetValueKind());
        // Only values of a different JSON kind are wrong: "x" for a string field would be valid.
        var raw = Pick(WrongValues.Where(w => KindOf(w) != kind).ToArray());
        return new("wrongType:" + field, example.Topic, example.WithRaw(field, raw), false);
    }

    private static JsonValueKind KindOf(string raw) =>
        raw == "null" ? JsonValueKind.Null : Normalize(JsonNode.Parse(raw)!.GetValueKind());

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private Case DuplicateKey()
    {
        var example = Pick(All);
        var key = Pick(example.Node.Select(p => p.Key).ToArray());
        var json = example.Json[..^1] + $",\"{key}\":" + (_random.Next(2) == 0 ? "1" : "{\"a\":1,\"a\":1}") + "}";
        return new("duplicate:" + key, example.Topic, Encoding.UTF8.GetBytes(json), false, RejectReason.DuplicateKey);
    }

    private Case Mismatch()
    {
        var example = Pick(All);
        var other = example.DeviceId + "-" + _random.Next(1000);
        return new("mismatch", DeviceTopic.For(example.Kind, other, example.Channel), example.Payload, false, RejectReason.DeviceIdMismatch);
    }

    private Case UnknownEnum()
    {
        var example = Pick(All.Where(e => e.Channel != DeviceChannel.Telemetry || e.Kind == DeviceKind.Counter).ToArray());
        var field = example.Channel == DeviceChannel.Status ? "state" : example.Channel == DeviceChannel.Event ? "type" : "serviceStatus";
        return new("unknownEnum", example.Topic, example.With(field, "v" + _random.Next()), false, RejectReason.UnknownEnum);
    }

    private Case BadUtf8()
    {
        var example = Pick(All);
        var payload = example.Payload;
        var at = _random.Next(1, payload.Length);
        return new("badUtf8", example.Topic, [.. payload[..at], .. Pick(InvalidUtf8), .. payload[at..]], false, RejectReason.NotUtf8);
    }

    private Case Missing()
    {
        var example = Pick(All.Where(e => !e.Name.StartsWith("counter-event", StringComparison.Ordinal)).ToArray());
        var field = Pick(["deviceId", "seq", "ts"]);
        return new("missing:" + field, example.Topic, example.Without(field), false, RejectReason.MissingField);
    }

    private string BadTopic() => Pick(
    [
        "ops/v1/camera/cam-lechan-0042/telemetry/x", "ops/v1/drone/d1/telemetry", "ops/v1/camera/a+b/status",
        "ops/v1/camera/" + new string('a', 65) + "/status", "OPS/v1/camera/x/status", "ops/v1/camera/x/", "#", "ops/v1/camera/x/status ",
    ]);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
