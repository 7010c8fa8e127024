using System.Text.Json;
using OpsCenter.Ingest.Validation;
using static OpsCenter.Ingest.Tests.Validation.RuleTableComparison;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>One field: the schema property's keywords against what its <see cref="FieldRule"/> enforces.</summary>
internal static class FieldComparison
{
    public static List<string> Differences(FieldRule rule, JsonElement property)
    {
        var differences = new List<string>();
        var expected = Expected(rule);
        foreach (var keyword in property.EnumerateObject().Select(p => p.Name))
        {
            if (keyword != "description" && !expected.ContainsKey(keyword))
                differences.Add($"schema keyword '{keyword}' has no counterpart in the rule ({rule.Kind})");
        }
        foreach (var (keyword, value) in expected)
        {
            var actual = property.TryGetProperty(keyword, out var v) ? Describe(v) : Absent(keyword);
            if (actual != value)
                differences.Add($"{keyword} is {value} in the rule table, {actual} in the schema");
        }
        if (rule.Kind == FieldKind.VehicleCounts)
            differences.AddRange(VehicleCountDifferences(rule));
        return differences;
    }

    /// <summary>Every keyword the schema must carry for this rule, with its value as <see cref="Describe"/> renders it.</summary>
    private static Dictionary<string, string> Expected(FieldRule rule) => rule.Kind switch
    {
        FieldKind.DeviceId => new() { ["type"] = "string", ["pattern"] = DeviceIdPattern },
        FieldKind.Ts or FieldKind.Timestamp => new() { ["type"] = "string", ["format"] = "date-time", ["pattern"] = Rfc3339Pattern },
        FieldKind.Flag => new() { ["type"] = "boolean" },
        FieldKind.Number => Range("number", rule),
        FieldKind.Integer or FieldKind.Seq => Range("integer", rule),
        FieldKind.Text => new() { ["type"] = "string", ["minLength"] = "1", ["maxLength"] = Format(FieldRule.MaxTextLength) },
        FieldKind.Url => new()
        {
            ["type"] = "string", ["format"] = "uri", ["pattern"] = HttpUrlPattern, ["maxLength"] = Format(FieldRule.MaxUrlLength),
        },
        FieldKind.Choice or FieldKind.EventType => new() { ["type"] = "string", ["enum"] = string.Join(", ", rule.Choices) },
        FieldKind.VehicleCounts => new()
        {
            ["type"] = "object",
            ["propertyNames"] = $"{{enum: {string.Join(", ", rule.Choices)}}}",
            ["additionalProperties"] = $"{{type: integer, minimum: 0, maximum: {Format(long.MaxValue)}}}",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "no schema shape for this rule kind"),
    };

    // The validator checks these with its own parsers (Rfc3339, Uri); the schemas spell them as patterns.
    private const string Rfc3339Pattern = @"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
    private const string HttpUrlPattern = "^[Hh][Tt][Tt][Pp][Ss]?://.+";

    private static Dictionary<string, string> Range(string type, FieldRule rule)
    {
        var keywords = new Dictionary<string, string> { ["type"] = type, ["minimum"] = Format(rule.Min) };
        // A rule without an upper bound is the absence of "maximum" in the schema.
        if (rule.Max < double.MaxValue)
            keywords["maximum"] = Format(rule.Max);
        return keywords;
    }

    private static IEnumerable<string> VehicleCountDifferences(FieldRule rule)
    {
        var countRules = ContractRules.VehicleCountRules;
        if (!countRules.Select(r => r.Name).SequenceEqual(rule.Choices.Select(c => rule.Name + "." + c)))
            yield return "the per-class count rules do not follow the vehicle types";
        foreach (var count in countRules.Where(r => r.Kind != FieldKind.Integer || r.Min != 0 || r.Max != long.MaxValue))
            yield return $"'{count.Name}' is not an integer between 0 and 2^63-1 as additionalProperties says";
    }

    private static string Absent(string keyword) => $"no {keyword}";

    /// <summary>Renders a keyword's value so it compares with <see cref="Expected"/>: numbers as doubles, arrays as lists.</summary>
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => Format(value.GetDouble()),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Describe)),
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject()
            .Where(p => p.Name != "description").Select(p => $"{p.Name}: {Describe(p.Value)}")) + "}",
        _ => value.GetRawText(),
    };
}
