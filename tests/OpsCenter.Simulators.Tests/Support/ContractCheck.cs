using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Schemas;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Tests.Support;

/// <summary>
/// Checks a publication against the device contract: the topic grammar, the message's JSON Schema, and
/// the rules a schema cannot express (UTF-8, one object, 64 KiB, no repeated keys, deviceId = topic,
/// ts window relative to the time the message was produced).
/// </summary>
internal static class ContractCheck
{
    private const int MaxPayloadBytes = 64 * 1024;
    private static readonly ConcurrentDictionary<(DeviceKind, DeviceChannel), JsonSchema> Schemas = new();
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Problems found; empty when the message is valid. <paramref name="producedAt"/> anchors the ts window.</summary>
    public static List<string> Problems(OutboundMessage message, DateTimeOffset? producedAt = null)
    {
        var problems = new List<string>();
        if (!DeviceTopic.TryParse(message.Topic, out var topic) || !DeviceSchemas.TopicRegex().IsMatch(message.Topic))
            return [$"topic '{message.Topic}' does not match the grammar"];
        if (message.Payload.Length > MaxPayloadBytes)
            return [$"payload of {message.Payload.Length} bytes exceeds 64 KiB"];
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(message.Payload);
        }
        catch (DecoderFallbackException)
        {
            return ["payload is not UTF-8"];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return ["payload is not JSON: " + e.Message];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ["payload is not a JSON object"];
            problems.AddRange(RepeatedKeys(root));
            problems.AddRange(UnrepresentableNumbers(root));
            if (!DeviceSchemas.HasSchema(topic.Kind, topic.Channel))
                return [$"no {topic.Channel} messages for {topic.Kind}"];
            var result = SchemaFor(topic.Kind, topic.Channel).Evaluate(root, Options);
            if (!result.IsValid)
            {
                problems.AddRange((result.Details ?? []).Where(d => d.Errors is not null)
                    .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
                if (problems.Count == 0)
                    problems.Add("schema validation failed");
            }
            if (root.TryGetProperty("deviceId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() != topic.DeviceId)
                problems.Add("deviceId differs from the topic");
            if (producedAt is { } now && root.TryGetProperty("ts", out var tsElement) && tsElement.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(tsElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var ts))
            {
                if (ts > now + TimeSpan.FromMinutes(5))
                    problems.Add($"ts {ts:o} more than 5 minutes after {now:o}");
                if (ts < now - TimeSpan.FromDays(7))
                    problems.Add($"ts {ts:o} older than 7 days");
            }
        }
        return problems;
    }

    public static JsonSchema SchemaFor(DeviceKind kind, DeviceChannel channel) =>
        Schemas.GetOrAdd((kind, channel), key => JsonSchema.FromText(DeviceSchemas.GetSchemaText(key.Item1, key.Item2)));

    /// <summary>Numbers such as 1e400 parse as JSON but overflow a double; the contract rejects them.</summary>
    private static IEnumerable<string> UnrepresentableNumbers(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when !element.TryGetDouble(out _) => [$"number {element.GetRawText()} overflows"],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => UnrepresentableNumbers(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(UnrepresentableNumbers),
        _ => [],
    };

    private static IEnumerable<string> RepeatedKeys(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    yield return $"key '{property.Name}' repeated";
                foreach (var inner in RepeatedKeys(property.Value))
                    yield return inner;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var inner in RepeatedKeys(item))
                    yield return inner;
        }
    }

    /// <summary>Asserts every message is valid, listing the first few offenders with their payloads.</summary>
    public static void AssertAllValid(IEnumerable<OutboundMessage> messages, Func<OutboundMessage, DateTimeOffset?>? producedAt = null)
    {
        var failures = messages
            .Select(m => (Message: m, Problems: Problems(m, producedAt?.Invoke(m))))
            .Where(x => x.Problems.Count > 0)
            .Take(5)
            .Select(x => $"{x.Message.Topic} {Encoding.UTF8.GetString(x.Message.Payload)}\n    {string.Join("\n    ", x.Problems)}")
            .ToList();
        Assert.True(failures.Count == 0, "Invalid messages:\n" + string.Join("\n", failures));
    }
}
