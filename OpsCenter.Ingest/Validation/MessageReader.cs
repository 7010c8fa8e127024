using System.Numerics;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Second pass: reads the contract's fields for one message type from a payload whose shape
/// <see cref="JsonShape"/> already vouched for, checks them, and applies the time rules.
/// </summary>
internal static class MessageReader
{
    public static readonly TimeSpan MaxFuture = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    public static Fault? Read(
        ReadOnlySpan<byte> json, DeviceTopic topic, MessageRules rules, DateTimeOffset now, TimeSpan lateAfter,
        out StoredReading? reading)
    {
        reading = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonShape.MaxDepth * 4 });
        reader.Read();

        var draft = new ReadingDraft { Rules = rules };
        var seen = 0UL;
        var fields = rules.Fields;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOfField(ref reader, fields);
            reader.Read();
            if (index < 0)
            {
                // Devices may be newer than the contract: unknown fields are skipped, never stored.
                reader.Skip();
                continue;
            }
            seen |= 1UL << index;
            var fault = FieldValueReader.Read(ref reader, fields[index], topic.DeviceId, ref draft);
            if (fault is not null)
                return fault;
        }

        var missing = rules.RequiredMask & ~seen;
        if (missing != 0)
            return new Fault(RejectReason.MissingField, fields[BitOperations.TrailingZeroCount(missing)].Missing);
        if (draft.EventType is not null && EventFault(rules, draft.EventType, seen) is { } eventFault)
            return eventFault;

        if (draft.Ts > now + MaxFuture)
            return new Fault(RejectReason.FutureTimestamp, "ts is more than 5 minutes ahead of the ingest clock");
        if (draft.Ts < now - MaxAge)
            return new Fault(RejectReason.TooOld, "ts is more than 7 days old");

        reading = new StoredReading
        {
            DeviceId = topic.DeviceId,
            Kind = topic.Kind,
            Channel = topic.Channel,
            EventType = draft.EventType,
            Ts = draft.Ts,
            Seq = draft.Seq,
            Late = draft.Ts < now - lateAfter,
            Numbers = draft.Numbers ?? [],
            Flags = draft.Flags ?? [],
            Texts = draft.Texts ?? [],
        };
        return null;
    }

    private static Fault? EventFault(MessageRules rules, string eventType, ulong seen)
    {
        if (!rules.ByEventType.TryGetValue(eventType, out var requirement))
            return null;
        var lacking = requirement.AllOf & ~seen;
        if (lacking != 0)
        {
            var name = rules.Fields[BitOperations.TrailingZeroCount(lacking)].Name;
            return new Fault(RejectReason.MissingField, $"event '{eventType}' requires field '{name}'");
        }
        return requirement.AnyOf != 0 && (requirement.AnyOf & seen) == 0
            ? new Fault(RejectReason.MissingField, requirement.AnyOfDetail)
            : null;
    }

    private static int IndexOfField(ref Utf8JsonReader reader, FieldRule[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (reader.ValueTextEquals(fields[i].Utf8Name))
                return i;
        }
        return -1;
    }
}
