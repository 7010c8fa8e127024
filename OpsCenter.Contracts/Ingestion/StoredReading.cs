using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion.Readings;

namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// One validated device message exactly as Ingest stored it in the time-series store.
/// Ingest publishes these to the Server after they are durable, with duplicates already removed,
/// so downstream KPIs never count a message twice.
/// </summary>
/// <remarks>
/// On the wire the values stay in three loose maps keyed by the contract's field names (compact, and the point mapper
/// walks them generically). Code reads them through the typed views (<see cref="Traffic"/>, <see cref="Status"/>…),
/// so no field name or kind is spelled outside Contracts.
/// </remarks>
public sealed record StoredReading
{
    public required string DeviceId { get; init; }

    // Not "required": the source generator cannot deserialize a required member it ignores; Ingest's validator is
    // the one place that builds readings and always sets both.
    [JsonIgnore]
    public DeviceKind Kind { get; init; }

    [JsonIgnore]
    public DeviceChannel Channel { get; init; }

    // On the wire kind and channel stay the topic segments as plain strings: a converter on the property would switch
    // the source generator off its fast path and cost ~300 B per reading when Ingest announces a batch (measured).
    [JsonInclude, JsonPropertyName("kind")]
    internal string KindName
    {
        get => Kind.ToWire();
        init => Kind = DeviceKindNames.TryParse(value, out var kind) ? kind : throw new JsonException($"unknown device kind '{value}'");
    }

    [JsonInclude, JsonPropertyName("channel")]
    internal string ChannelName
    {
        get => Channel.ToWire();
        init => Channel = DeviceChannelNames.TryParse(value, out var channel) ? channel : throw new JsonException($"unknown channel '{value}'");
    }

    /// <summary>Event type for event messages (e.g. <c>accident</c>, <c>ticketIssued</c>); null otherwise.</summary>
    public string? EventType { get; init; }

    public required DateTimeOffset Ts { get; init; }
    public required long Seq { get; init; }

    /// <summary>True when <see cref="Ts"/> lies before the period now being reported (late data, up to 7 days).</summary>
    public bool Late { get; init; }

    // Created on first use, not as initializers: a reading built with its maps (as Ingest builds every one) otherwise
    // made three empty dictionaries first, only to drop them (240 B per message, measured in bench/).
    private Dictionary<string, double>? _numbers;
    private Dictionary<string, bool>? _flags;
    private Dictionary<string, string>? _texts;

    // Ingest's readings come with their values compact (ReadingValues) and no maps: a map is made from them the first
    // time someone asks for it, and from then on the map is what counts (code may change it).
    private ReadingValues _values;

    /// <summary>The values as Ingest's validator read them, by slot of the message type's layout (no maps made).</summary>
    [JsonIgnore]
    public ReadingValues Values { init => _values = value; }

    // Null may be given (a reading with no texts, most of them): the map is then made on first read, if ever.
    [JsonIgnore, AllowNull]
    public Dictionary<string, double> Numbers { get => _numbers ??= NumberEntries.ToMap() ?? []; init => _numbers = value; }

    [JsonIgnore, AllowNull]
    public Dictionary<string, bool> Flags { get => _flags ??= FlagEntries.ToMap() ?? []; init => _flags = value; }

    [JsonIgnore, AllowNull]
    public Dictionary<string, string> Texts { get => _texts ??= TextEntries.ToMap() ?? []; init => _texts = value; }

    /// <summary>The numbers walked without making a map (the point mapper and the announcement walk every reading's).</summary>
    [JsonIgnore] public ReadingEntries<double> NumberEntries => _numbers is null ? _values.NumberEntries : new(_numbers);

    [JsonIgnore] public ReadingEntries<bool> FlagEntries => _flags is null ? _values.FlagEntries : new(_flags);

    [JsonIgnore] public ReadingEntries<string> TextEntries => _texts is null ? _values.TextEntries : new(_texts);

    /// <summary>Whether the reading has any texts, without making an empty map to find out (most readings have none).</summary>
    [JsonIgnore] public bool HasTexts => _texts is null ? _values.HasTexts : _texts.Count > 0;

    // On the wire the maps as they are: a map never made (nor held compact) is left out, and reads back as an empty one.
    [JsonInclude, JsonPropertyName("numbers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal Dictionary<string, double>? NumbersOnWire { get => NumberEntries.ToMap(); init => _numbers = value; }

    [JsonInclude, JsonPropertyName("flags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal Dictionary<string, bool>? FlagsOnWire { get => FlagEntries.ToMap(); init => _flags = value; }

    [JsonInclude, JsonPropertyName("texts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal Dictionary<string, string>? TextsOnWire { get => TextEntries.ToMap(); init => _texts = value; }

    [JsonIgnore] public StatusReading? Status => Channel == DeviceChannel.Status ? new(this) : null;
    [JsonIgnore] public CameraTelemetryReading? CameraTelemetry => Is(DeviceKind.Camera, DeviceChannel.Telemetry) ? new(this) : null;
    [JsonIgnore] public CameraEventReading? CameraEvent => Is(DeviceKind.Camera, DeviceChannel.Event) ? new(this) : null;
    [JsonIgnore] public TrafficReading? Traffic => Is(DeviceKind.Traffic, DeviceChannel.Telemetry) ? new(this) : null;
    [JsonIgnore] public CounterTelemetryReading? CounterTelemetry => Is(DeviceKind.Counter, DeviceChannel.Telemetry) ? new(this) : null;
    [JsonIgnore] public CounterEventReading? CounterEvent => Is(DeviceKind.Counter, DeviceChannel.Event) ? new(this) : null;

    public bool TryGetNumber(string field, out double value) => NumberEntries.TryGet(field, out value);

    public bool TryGetFlag(string field, out bool value) => FlagEntries.TryGet(field, out value);

    public bool TryGetText(string field, out string value) => TextEntries.TryGet(field, out value);

    /// <summary>The number, or 0 when the reading has none by that name.</summary>
    public double NumberOrDefault(string field) => TryGetNumber(field, out var value) ? value : 0;

    public bool FlagOrDefault(string field) => TryGetFlag(field, out var value) && value;

    public string? TextOrDefault(string field) => TryGetText(field, out var value) ? value : null;

    private bool Is(DeviceKind kind, DeviceChannel channel) => Kind == kind && Channel == channel;
}

/// <summary>What Ingest publishes on <see cref="InternalTopics.Stored"/>: a batch of readings made durable together.</summary>
public sealed record StoredBatch(IReadOnlyList<StoredReading> Readings);
