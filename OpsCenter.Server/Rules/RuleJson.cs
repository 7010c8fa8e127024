using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsCenter.Server.Rules;

/// <summary>How rules are read and written as JSON: web naming, <c>kind</c> anywhere in the object, strict numbers.</summary>
public static class RuleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(RuleDefinition rule) => JsonSerializer.Serialize(rule, Options);

    /// <summary>The rule, or the field that made it unreadable and why.</summary>
    public static RuleDefinition? Parse(string json, out Dictionary<string, string[]> errors)
    {
        errors = [];
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors["$"] = ["must be a JSON object"];
                    return null;
                }
                if (!document.RootElement.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String
                    || !RuleKinds.All.Contains(kind.GetString()))
                {
                    errors["kind"] = [$"must be one of {string.Join(", ", RuleKinds.All)}"];
                    return null;
                }
            }
            return JsonSerializer.Deserialize<RuleDefinition>(json, Options);
        }
        catch (JsonException ex)
        {
            // The path names the field ("$.forSeconds" → "forSeconds"); the message is the parser's, which quotes no body.
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "$";
            errors[field] = ["has the wrong type or is not valid JSON"];
            return null;
        }
    }
}
