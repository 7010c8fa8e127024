using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Contracts.Schemas;

/// <summary>
/// The device contract as JSON Schema (draft 2020-12), one schema per message, embedded in this assembly
/// so simulators and tests validate against exactly what ships. The ingest validator is the authority:
/// each schema's description lists the rules only it enforces (duplicate keys, 64 KiB, ts window…).
/// </summary>
public static partial class DeviceSchemas
{
    /// <summary>Topic grammar as an ECMA-262 pattern, the same as in <c>topic.schema.json</c>.</summary>
    public const string TopicPattern = TopicBody + "$";

    // .NET's "$" also matches before a final newline; "\z" does not, so the compiled regex uses it.
    private const string TopicBody = "^ops/v1/(camera|traffic|counter)/[A-Za-z0-9_-]{1,64}/(telemetry|event|status)";

    private const string ResourcePrefix = "OpsCenter.Contracts.Schemas.";
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Matches exactly the topics of the grammar <c>ops/v1/{kind}/{deviceId}/{channel}</c>.</summary>
    [GeneratedRegex(TopicBody + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex TopicRegex();

    /// <summary>File name of the schema for a message type, e.g. <c>camera-telemetry.schema.json</c>.</summary>
    public static string GetSchemaFileName(DeviceKind kind, DeviceChannel channel) => (kind, channel) switch
    {
        (_, DeviceChannel.Status) => "status.schema.json",
        (DeviceKind.Camera, DeviceChannel.Telemetry) => "camera-telemetry.schema.json",
        (DeviceKind.Camera, DeviceChannel.Event) => "camera-event.schema.json",
        (DeviceKind.Traffic, DeviceChannel.Telemetry) => "traffic-telemetry.schema.json",
        (DeviceKind.Counter, DeviceChannel.Telemetry) => "counter-telemetry.schema.json",
        (DeviceKind.Counter, DeviceChannel.Event) => "counter-event.schema.json",
        // Traffic detectors have no events in contract v1.
        _ => throw new ArgumentOutOfRangeException(nameof(channel), $"the contract defines no {channel.ToWire()} message for {kind.ToWire()} devices"),
    };

    public static bool HasSchema(DeviceKind kind, DeviceChannel channel) =>
        !(kind == DeviceKind.Traffic && channel == DeviceChannel.Event);

    /// <summary>Schema text for the message sent by a <paramref name="kind"/> device on <paramref name="channel"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The contract has no such message (traffic events).</exception>
    public static string GetSchemaText(DeviceKind kind, DeviceChannel channel) => Load(GetSchemaFileName(kind, channel));

    /// <summary>Schema of the topic string (a string with <see cref="TopicPattern"/>).</summary>
    public static string GetTopicSchemaText() => Load("topic.schema.json");

    private static string Load(string fileName) => Cache.GetOrAdd(fileName, static name =>
    {
        using var stream = typeof(DeviceSchemas).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"embedded schema {name} is missing from {typeof(DeviceSchemas).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
