using System.Globalization;
using System.Numerics;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Ingest.Validation;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>
/// Walks one message's JSON Schema property by property and lists every way the validator's rule table differs from
/// it: a field on one side only, type, range, enum values, required-ness, the per-type requirements of events, and
/// any schema keyword the comparison does not know (so a new kind of rule in a schema cannot pass unnoticed).
/// </summary>
internal static class RuleTableComparison
{
    private static readonly HashSet<string> MessageKeywords = ["$schema", "title", "description", "type", "properties", "required", "allOf"];

    public static List<string> Differences(JsonElement schema, MessageRules rules)
    {
        var differences = new List<string>();
        foreach (var keyword in schema.EnumerateObject().Select(p => p.Name).Where(k => !MessageKeywords.Contains(k)))
            differences.Add($"schema keyword '{keyword}' on the message has no counterpart in the rule table");
        if (Text(schema, "type") != "object")
            differences.Add("schema does not describe an object");

        var properties = schema.GetProperty("properties");
        var required = Strings(schema, "required").ToHashSet(StringComparer.Ordinal);
        var schemaNames = properties.EnumerateObject().Select(p => p.Name).ToList();
        var ruleNames = rules.Fields.Select(f => f.Name).ToList();
        differences.AddRange(schemaNames.Except(ruleNames).Select(n => $"'{n}' is in the schema but not in the rule table"));
        differences.AddRange(ruleNames.Except(schemaNames).Select(n => $"'{n}' is in the rule table but not in the schema"));
        differences.AddRange(required.Except(schemaNames).Select(n => $"'{n}' is required by the schema but not described by it"));

        foreach (var rule in rules.Fields.Where(f => properties.TryGetProperty(f.Name, out _)))
        {
            var property = properties.GetProperty(rule.Name);
            if (rule.Required != required.Contains(rule.Name))
                differences.Add($"'{rule.Name}': required {rule.Required} in the rule table, {!rule.Required} in the schema");
            differences.AddRange(FieldComparison.Differences(rule, property).Select(d => $"'{rule.Name}': {d}"));
        }

        differences.AddRange(EventRequirementDifferences(schema, rules));
        return differences;
    }

    /// <summary>The schema's <c>allOf: [{ if: type = X, then: required / anyOf required }]</c> against <see cref="MessageRules.ByEventType"/>.</summary>
    private static IEnumerable<string> EventRequirementDifferences(JsonElement schema, MessageRules rules)
    {
        var fromSchema = new Dictionary<string, (string AllOf, string AnyOf)>(StringComparer.Ordinal);
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var branch in allOf.EnumerateArray())
            {
                var type = branch.GetProperty("if").GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!;
                var then = branch.GetProperty("then");
                var anyOf = then.TryGetProperty("anyOf", out var alternatives)
                    ? alternatives.EnumerateArray().SelectMany(a => Strings(a, "required"))
                    : [];
                foreach (var keyword in then.EnumerateObject().Select(p => p.Name).Where(k => k is not ("required" or "anyOf")))
                    yield return $"event '{type}': schema keyword '{keyword}' has no counterpart in the rule table";
                fromSchema[type] = (Sorted(Strings(then, "required")), Sorted(anyOf));
            }
        }

        var fromRules = rules.ByEventType.ToDictionary(
            kv => kv.Key, kv => (Sorted(Names(rules, kv.Value.AllOf)), Sorted(Names(rules, kv.Value.AnyOf))), StringComparer.Ordinal);
        foreach (var type in fromSchema.Keys.Union(fromRules.Keys))
        {
            var inSchema = fromSchema.GetValueOrDefault(type);
            var inRules = fromRules.GetValueOrDefault(type);
            if (inSchema != inRules)
                yield return $"event '{type}' requires all of [{inRules.Item1}] any of [{inRules.Item2}] in the rule table, all of [{inSchema.AllOf}] any of [{inSchema.AnyOf}] in the schema";
        }
    }

    private static IEnumerable<string> Names(MessageRules rules, ulong mask)
    {
        for (; mask != 0; mask &= mask - 1)
            yield return rules.Fields[BitOperations.TrailingZeroCount(mask)].Name;
    }

    private static string Sorted(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    internal static IEnumerable<string> Strings(JsonElement element, string keyword) =>
        element.TryGetProperty(keyword, out var array) ? array.EnumerateArray().Select(e => e.GetString()!) : [];

    internal static string? Text(JsonElement element, string keyword) =>
        element.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The device id pattern the topic grammar implies; the schemas must say the same.</summary>
    internal static string DeviceIdPattern => $"^[A-Za-z0-9_-]{{1,{DeviceTopic.MaxDeviceIdLength}}}$";
}
