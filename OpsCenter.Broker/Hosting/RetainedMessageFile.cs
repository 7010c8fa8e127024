using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using MQTTnet;
using MQTTnet.Protocol;

namespace OpsCenter.Broker.Hosting;

/// <summary>
/// The broker's retained messages on disk: one JSON file, replaced atomically (write a temporary file, then rename), so
/// a kill at any moment leaves either the old or the new set, never half of one. Writes are coalesced by the caller.
/// </summary>
public sealed class RetainedMessageFile(string directory)
{
    public const string FileName = "retained-messages.json";

    public string Path => System.IO.Path.Combine(directory, FileName);

    public IReadOnlyList<MqttApplicationMessage> Load()
    {
        if (!File.Exists(Path))
            return [];
        try
        {
            var stored = JsonSerializer.Deserialize(File.ReadAllBytes(Path), RetainedJsonContext.Default.ListStoredRetained) ?? [];
            return [.. stored.Where(s => !string.IsNullOrEmpty(s.Topic)).Select(s => new MqttApplicationMessageBuilder()
                .WithTopic(s.Topic)
                .WithPayload(s.Payload ?? [])
                .WithQualityOfServiceLevel(s.Qos)
                .WithRetainFlag()
                .Build())];
        }
        catch (JsonException ex)
        {
            // Unreadable means a foreign or damaged file: starting without retained messages beats not starting, and
            // devices and Ingest re-announce their state. The file is kept aside for inspection.
            File.Move(Path, Path + ".unreadable", overwrite: true);
            throw new InvalidDataException($"{Path} is not a retained-message file ({ex.Message}); moved aside.", ex);
        }
    }

    public void Save(IEnumerable<MqttApplicationMessage> messages)
    {
        Directory.CreateDirectory(directory);
        var stored = messages.Select(m => new StoredRetained(m.Topic, m.Payload.ToArray(), m.QualityOfServiceLevel)).ToList();
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, stored, RetainedJsonContext.Default.ListStoredRetained);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}

public sealed record StoredRetained(string Topic, byte[]? Payload, MqttQualityOfServiceLevel Qos);

[JsonSerializable(typeof(List<StoredRetained>))]
internal sealed partial class RetainedJsonContext : JsonSerializerContext;
