using System.Text.Json;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// The shape rules a payload meets before any field counts: exactly one JSON object, no key repeated in any object,
/// nesting bounded. <see cref="MessageReader"/> checks them in the same pass that reads the fields.
/// </summary>
internal static class JsonShape
{
    /// <summary>Deepest nesting of objects/arrays accepted; the contract's deepest message needs 2.</summary>
    public const int MaxDepth = 8;

    // The reader's own limit sits above ours so that deep input gets the specific tooDeep reason.
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth * 4 };

    public static readonly Fault Empty = new(RejectReason.NotJson, "payload is empty");
    public static readonly Fault NoValue = new(RejectReason.NotJson, "payload holds no JSON value");
    public static readonly Fault NotObject = new(RejectReason.NotObject, "payload must be a JSON object");
    public static readonly Fault EndsInside = new(RejectReason.NotJson, "payload ends inside the JSON object");
    public static readonly Fault TooDeep = new(RejectReason.TooDeep, $"objects and arrays nest deeper than {MaxDepth} levels");
    public static readonly Fault TrailingContent = new(RejectReason.NotObject, "payload must be a single JSON object; content follows it");

    public static Fault DuplicateKey(ref Utf8JsonReader reader) =>
        new(RejectReason.DuplicateKey, $"key '{Truncate(reader.GetString())}' appears twice in one object");

    public static bool HasTrailingContent(ReadOnlySpan<byte> rest) =>
        rest.TrimStart(" \t\r\n"u8).Length > 0;

    /// <summary>
    /// Tells "used NaN/Infinity" apart from other malformed JSON, because devices written in languages whose
    /// JSON encoders emit those literals are a common integration bug worth naming precisely.
    /// </summary>
    public static Fault Malformed(ReadOnlySpan<byte> json) =>
        ContainsNonFiniteLiteral(json)
            ? new Fault(RejectReason.NonFiniteNumber, "NaN and Infinity are not JSON numbers")
            : new Fault(RejectReason.NotJson, "payload is not well-formed JSON");

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
