using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// The fields of one message type (kind + channel) as the device contract defines them, plus, for event
/// messages whose required fields depend on <c>type</c>, the extra requirements per event type.
/// </summary>
internal sealed class MessageRules
{
    private const int MaxFields = 64;

    public MessageRules(FieldRule[] fields, Func<MessageRules, Dictionary<string, EventRequirement>>? eventRequirements = null)
    {
        if (fields.Length > MaxFields)
            throw new ArgumentException("field masks are 64 bits wide", nameof(fields));
        Fields = fields;
        NameHashes = new int[fields.Length];
        Slots = new int[fields.Length];
        List<string> numbers = [], flags = [], texts = [];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            NameHashes[i] = PropertyNameSet.Hash(field.Utf8Name);
            if (field.Required)
                RequiredMask |= 1UL << i;
            // Where the field's value goes in a reading (ReadingValues); a count of vehicleTypes takes the slot of its
            // vehicle type after the field's own.
            Slots[i] = field.Kind switch
            {
                FieldKind.Number or FieldKind.Integer => Add(numbers, field.Name),
                FieldKind.VehicleCounts => AddAll(numbers, ContractRules.VehicleCountRules.Select(r => r.Name)),
                FieldKind.Flag => Add(flags, field.Name),
                FieldKind.Text or FieldKind.Url or FieldKind.Timestamp or FieldKind.Choice => Add(texts, field.Name),
                _ => -1,
            };
        }
        Layout = new ReadingLayout(numbers, flags, texts);
        ByEventType = eventRequirements?.Invoke(this) ?? [];
    }

    /// <summary>The slots a reading of this type fills: its values are held by position, not in maps.</summary>
    public ReadingLayout Layout { get; }

    /// <summary>Each field's slot in <see cref="Layout"/> (of its kind of value), or -1 for fields not kept as values.</summary>
    public int[] Slots { get; }

    private static int Add(List<string> names, string name)
    {
        names.Add(name);
        return names.Count - 1;
    }

    private static int AddAll(List<string> names, IEnumerable<string> added)
    {
        var first = names.Count;
        names.AddRange(added);
        return first;
    }

    public FieldRule[] Fields { get; }

    /// <summary>Each field's name hashed as <see cref="PropertyNameSet"/> hashes a payload's keys.</summary>
    private int[] NameHashes { get; }
    public ulong RequiredMask { get; }
    public IReadOnlyDictionary<string, EventRequirement> ByEventType { get; }

    /// <summary>The field a payload's (unescaped) property name is, or -1: one int compared per field, bytes once.</summary>
    public int IndexOf(ReadOnlySpan<byte> name, int hash)
    {
        var hashes = NameHashes;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] == hash && name.SequenceEqual(Fields[i].Utf8Name))
                return i;
        }
        return -1;
    }

    public int IndexOf(string name) => Array.FindIndex(Fields, f => f.Name == name);

    public ulong MaskOf(params string[] names)
    {
        var mask = 0UL;
        foreach (var name in names)
        {
            var i = IndexOf(name);
            if (i < 0)
                throw new ArgumentException($"unknown field '{name}'", nameof(names));
            mask |= 1UL << i;
        }
        return mask;
    }

    public static MessageRules? For(DeviceKind kind, DeviceChannel channel) => (kind, channel) switch
    {
        (_, DeviceChannel.Status) => ContractRules.Status,
        (DeviceKind.Camera, DeviceChannel.Telemetry) => ContractRules.CameraTelemetry,
        (DeviceKind.Camera, DeviceChannel.Event) => ContractRules.CameraEvent,
        (DeviceKind.Traffic, DeviceChannel.Telemetry) => ContractRules.TrafficTelemetry,
        (DeviceKind.Counter, DeviceChannel.Telemetry) => ContractRules.CounterTelemetry,
        (DeviceKind.Counter, DeviceChannel.Event) => ContractRules.CounterEvent,
        _ => null,
    };
}

/// <summary>Fields an event type requires beyond the message's own: all of <see cref="AllOf"/>, and one of <see cref="AnyOf"/> when set.</summary>
internal sealed record EventRequirement(ulong AllOf, ulong AnyOf, string AnyOfDetail = "");
