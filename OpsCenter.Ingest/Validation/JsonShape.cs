using System.Text.Json;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// First pass over a payload: exactly one JSON object, no key repeated in any object, nesting bounded.
/// Kept apart from field reading so the second pass can trust the structure and skip unknown fields cheaply.
/// </summary>
internal static class JsonShape
{
    /// <summary>Deepest nesting of objects/arrays accepted; the contract's deepest message needs 2.</summary>
    public const int MaxDepth = 8;

    public static Fault? Check(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
            return new Fault(RejectReason.NotJson, "payload is empty");

        // The reader's own limit sits above ours so that deep input gets the specific tooDeep reason.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth * 4 });
        var names = new PropertyNameSet(json.Length);
        try
        {
            if (!reader.Read())
                return new Fault(RejectReason.NotJson, "payload holds no JSON value");
            if (reader.TokenType != JsonTokenType.StartObject)
                return new Fault(RejectReason.NotObject, "payload must be a JSON object");
            names.OpenObject();

            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (reader.CurrentDepth >= MaxDepth)
                            return TooDeep;
                        names.OpenObject();
                        break;
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MaxDepth)
                            return TooDeep;
                        break;
                    case JsonTokenType.EndObject:
                        names.CloseObject();
                        if (reader.CurrentDepth == 0)
                            return HasTrailingContent(json[(int)reader.BytesConsumed..]) ? TrailingContent : null;
                        break;
                    case JsonTokenType.PropertyName:
                        if (!names.TryAdd(ref reader))
                            return new Fault(RejectReason.DuplicateKey, $"key '{Truncate(reader.GetString())}' appears twice in one object");
                        break;
                }
            }
            return new Fault(RejectReason.NotJson, "payload ends inside the JSON object");
        }
        catch (JsonException)
        {
            return ContainsNonFiniteLiteral(json)
                ? new Fault(RejectReason.NonFiniteNumber, "NaN and Infinity are not JSON numbers")
                : new Fault(RejectReason.NotJson, "payload is not well-formed JSON");
        }
        finally
        {
            names.Dispose();
        }
    }

    private static readonly Fault TooDeep = new(RejectReason.TooDeep, $"objects and arrays nest deeper than {MaxDepth} levels");
    private static readonly Fault TrailingContent = new(RejectReason.NotObject, "payload must be a single JSON object; content follows it");

    private static bool HasTrailingContent(ReadOnlySpan<byte> rest) =>
        rest.TrimStart(" \t\r\n"u8).Length > 0;

    /// <summary>
    /// Tells "used NaN/Infinity" apart from other malformed JSON, because devices written in languages whose
    /// JSON encoders emit those literals are a common integration bug worth naming precisely.
    /// </summary>
    private static bool ContainsNonFiniteLiteral(ReadOnlySpan<byte> json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == '\\')
                    i++;
                else if (b == '"')
                    inString = false;
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (json[i..].StartsWith("NaN"u8) || json[i..].StartsWith("Infinity"u8))
            {
                return true;
            }
        }
        return false;
    }

    internal static string Truncate(string? s) => s is null || s.Length <= 40 ? s ?? string.Empty : string.Concat(s.AsSpan(0, 40), "…");
}
