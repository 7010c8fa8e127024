using System.Numerics;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// The field side of <see cref="MessageReader"/>'s walk: told of every property name and value token, it reads the
/// root object's contract fields (and the counts inside <c>vehicleTypes</c>) into a draft and remembers the first
/// fault. Unknown fields are walked for their shape only: devices may be newer than the contract, and what it does not
/// define is never stored.
/// </summary>
internal struct FieldWalk(MessageRules rules, string deviceId)
{
    private ReadingDraft _draft = new(rules);
    private ulong _seen;
    private int _field = -1;
    private int _count = -1;
    private bool _inCounts;
    private Fault? _fault;

    /// <summary>A property name at any depth; the reader sits on it.</summary>
    public void Name(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name, int hash)
    {
        if (_fault is not null)
            return;
        if (reader.CurrentDepth == 1)
        {
            _field = rules.IndexOf(name, hash);
        }
        else if (_inCounts && reader.CurrentDepth == 2)
        {
            _count = IndexOfVehicleType(name);
            if (_count < 0)
                _fault = rules.Fields[_field].Fail(RejectReason.UnknownEnum);
        }
    }

    /// <summary>A value token at any depth (a scalar, or the start of an object or array); the reader sits on it.</summary>
    public void Value(ref Utf8JsonReader reader)
    {
        if (_fault is not null)
            return;
        if (reader.CurrentDepth == 1)
        {
            if (_field < 0)
                return;
            _seen |= 1UL << _field;
            var rule = rules.Fields[_field];
            if (rule.Kind == FieldKind.VehicleCounts && reader.TokenType == JsonTokenType.StartObject)
                _inCounts = true;
            else
                _fault = FieldValueReader.Read(ref reader, rule, rules.Slots[_field], deviceId, ref _draft);
        }
        else if (_inCounts && reader.CurrentDepth == 2)
        {
            _fault = FieldValueReader.ReadCount(ref reader, ContractRules.VehicleCountRules[_count], rules.Slots[_field] + _count, ref _draft);
        }
    }

    /// <summary>An object below the root closed; the reader sits on its end.</summary>
    public void EndObject(ref Utf8JsonReader reader)
    {
        if (reader.CurrentDepth == 1)
            _inCounts = false;
    }

    /// <summary>The root object closed on a well-formed payload: the first field fault, a missing field, or the reading.</summary>
    public readonly Fault? Finish(DeviceTopic topic, DateTimeOffset now, TimeSpan lateAfter, out StoredReading? reading)
    {
        reading = null;
        if (_fault is not null)
            return _fault;
        var missing = rules.RequiredMask & ~_seen;
        if (missing != 0)
            return new Fault(RejectReason.MissingField, rules.Fields[BitOperations.TrailingZeroCount(missing)].Missing);
        if (_draft.EventType is not null && EventFault(_draft.EventType) is { } eventFault)
            return eventFault;

        if (_draft.Ts > now + MessageReader.MaxFuture)
            return new Fault(RejectReason.FutureTimestamp, "ts is more than 5 minutes ahead of the ingest clock");
        if (_draft.Ts < now - MessageReader.MaxAge)
            return new Fault(RejectReason.TooOld, "ts is more than 7 days old");

        reading = new StoredReading
        {
            DeviceId = topic.DeviceId,
            Kind = topic.Kind,
            Channel = topic.Channel,
            EventType = _draft.EventType,
            Ts = _draft.Ts,
            Seq = _draft.Seq,
            Late = _draft.Ts < now - lateAfter,
            Values = _draft.Values,
        };
        return null;
    }

    private readonly Fault? EventFault(string eventType)
    {
        if (!rules.ByEventType.TryGetValue(eventType, out var requirement))
            return null;
        var lacking = requirement.AllOf & ~_seen;
        if (lacking != 0)
        {
            var name = rules.Fields[BitOperations.TrailingZeroCount(lacking)].Name;
            return new Fault(RejectReason.MissingField, $"event '{eventType}' requires field '{name}'");
        }
        return requirement.AnyOf != 0 && (requirement.AnyOf & _seen) == 0
            ? new Fault(RejectReason.MissingField, requirement.AnyOfDetail)
            : null;
    }

    private readonly int IndexOfVehicleType(ReadOnlySpan<byte> name)
    {
        var choices = rules.Fields[_field].Utf8Choices;
        for (var i = 0; i < choices.Length; i++)
        {
            if (name.SequenceEqual(choices[i]))
                return i;
        }
        return -1;
    }
}
