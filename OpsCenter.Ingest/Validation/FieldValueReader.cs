using System.Text.Json;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Reads one field's value (the reader sits on it) according to its rule, into the draft. Never moves the reader: a
/// value that starts an object or array is the wrong type here, and the walk goes on through it.
/// </summary>
internal static class FieldValueReader
{
    // Doubles at or beyond 2^63 cannot be a long; comparing as double avoids a checked cast.
    private const double TwoPow63 = 9223372036854775808d;

    public static Fault? Read(ref Utf8JsonReader reader, FieldRule rule, int slot, string deviceId, ref ReadingDraft draft)
    {
        switch (rule.Kind)
        {
            case FieldKind.DeviceId:
                if (reader.TokenType != JsonTokenType.String)
                    return rule.Fail(RejectReason.WrongType);
                return reader.ValueTextEquals(deviceId)
                    ? null
                    : new Fault(RejectReason.DeviceIdMismatch, $"payload deviceId differs from the topic's '{deviceId}'");
            case FieldKind.Ts:
                return TryTimestamp(ref reader, out draft.Ts) ? null : rule.Fail(RejectReason.BadTimestamp);
            case FieldKind.Timestamp:
                if (!TryTimestamp(ref reader, out var at))
                    return rule.Fail(RejectReason.BadTimestamp);
                // One UTC form (round-trip "O") so stored deadlines compare as strings and as instants alike.
                draft.Values.SetText(slot, at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                return null;
            case FieldKind.Seq:
                return ReadInteger(ref reader, rule, out draft.Seq);
            case FieldKind.Integer:
                var integerFault = ReadInteger(ref reader, rule, out var integer);
                if (integerFault is null)
                    draft.Values.SetNumber(slot, integer);
                return integerFault;
            case FieldKind.Number:
                var numberFault = ReadNumber(ref reader, rule, out var number);
                if (numberFault is null)
                    draft.Values.SetNumber(slot, number);
                return numberFault;
            case FieldKind.Flag:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return rule.Fail(RejectReason.WrongType);
                draft.Values.SetFlag(slot, reader.TokenType == JsonTokenType.True);
                return null;
            case FieldKind.Text:
            case FieldKind.Url:
                return ReadText(ref reader, rule, slot, ref draft);
            case FieldKind.Choice:
            case FieldKind.EventType:
                if (reader.TokenType != JsonTokenType.String)
                    return rule.Fail(RejectReason.WrongType);
                var choice = MatchChoice(ref reader, rule);
                if (choice is null)
                    return rule.Fail(RejectReason.UnknownEnum);
                if (rule.Kind == FieldKind.EventType)
                    draft.EventType = choice;
                else
                    draft.Values.SetText(slot, choice);
                return null;
            case FieldKind.VehicleCounts:
                // An object is walked count by count (FieldWalk); anything else is the wrong type.
                return rule.Fail(RejectReason.WrongType);
            default:
                throw new InvalidOperationException($"no reader for {rule.Kind}");
        }
    }

    private static Fault? ReadInteger(ref Utf8JsonReader reader, FieldRule rule, out long value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
            return NotANumber(ref reader, rule);
        if (!reader.TryGetInt64(out value))
        {
            // Integral values written as 5.0 or 5e0 are integers in JSON Schema too; accept them alike.
            if (!reader.TryGetDouble(out var d) || !double.IsFinite(d))
                return rule.Fail(RejectReason.NonFiniteNumber);
            if (Math.Floor(d) != d)
                return rule.Fail(RejectReason.WrongType);
            if (d is < -TwoPow63 or >= TwoPow63)
                return rule.Fail(RejectReason.OutOfRange);
            value = (long)d;
        }
        return value < rule.Min || value > rule.Max ? rule.Fail(RejectReason.OutOfRange) : null;
    }

    private static Fault? ReadNumber(ref Utf8JsonReader reader, FieldRule rule, out double value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
            return NotANumber(ref reader, rule);
        // TryGetDouble refuses values that overflow to ±Infinity, such as 1e400.
        if (!reader.TryGetDouble(out value) || !double.IsFinite(value))
            return rule.Fail(RejectReason.NonFiniteNumber);
        return value < rule.Min || value > rule.Max ? rule.Fail(RejectReason.OutOfRange) : null;
    }

    private static Fault NotANumber(ref Utf8JsonReader reader, FieldRule rule) =>
        reader.TokenType == JsonTokenType.String
        && (reader.ValueTextEquals("NaN"u8) || reader.ValueTextEquals("Infinity"u8)
            || reader.ValueTextEquals("-Infinity"u8) || reader.ValueTextEquals("+Infinity"u8))
            ? rule.Fail(RejectReason.NonFiniteNumber)
            : rule.Fail(RejectReason.WrongType);

    private static Fault? ReadText(ref Utf8JsonReader reader, FieldRule rule, int slot, ref ReadingDraft draft)
    {
        if (reader.TokenType != JsonTokenType.String)
            return rule.Fail(RejectReason.WrongType);
        var max = rule.Kind == FieldKind.Url ? FieldRule.MaxUrlLength : FieldRule.MaxTextLength;
        // A UTF-16 char takes at most 6 escaped bytes: longer raw values cannot fit, so skip decoding them.
        if (reader.ValueSpan.Length > max * 6)
            return rule.Fail(RejectReason.OutOfRange);
        var text = reader.GetString()!;
        if (text.Length is 0 || text.Length > max)
            return rule.Fail(RejectReason.OutOfRange);
        if (rule.Kind == FieldKind.Url && !IsHttpUrl(text))
            return rule.Fail(RejectReason.OutOfRange);
        draft.Values.SetText(slot, text);
        return null;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>One vehicle type's count inside <c>vehicleTypes</c>, stored like a field of its own.</summary>
    public static Fault? ReadCount(ref Utf8JsonReader reader, FieldRule countRule, int slot, ref ReadingDraft draft)
    {
        var fault = ReadInteger(ref reader, countRule, out var count);
        if (fault is null)
            draft.Values.SetNumber(slot, count);
        return fault;
    }

    private static bool TryTimestamp(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
            return false;
        if (!reader.ValueIsEscaped)
            return Rfc3339.TryParse(reader.ValueSpan, out value);
        if (reader.ValueSpan.Length > Rfc3339.MaxLength * 6)
            return false;
        Span<byte> unescaped = stackalloc byte[Rfc3339.MaxLength * 6];
        var length = reader.CopyString(unescaped);
        return Rfc3339.TryParse(unescaped[..length], out value);
    }

    private static string? MatchChoice(ref Utf8JsonReader reader, FieldRule rule)
    {
        var i = IndexOfChoice(ref reader, rule);
        return i < 0 ? null : rule.Choices[i];
    }

    private static int IndexOfChoice(ref Utf8JsonReader reader, FieldRule rule)
    {
        var choices = rule.Utf8Choices;
        for (var i = 0; i < choices.Length; i++)
        {
            if (reader.ValueTextEquals(choices[i]))
                return i;
        }
        return -1;
    }
}
