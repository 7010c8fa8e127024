using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// Source-generated serializers for what Ingest tells the Server: every stored reading passes through them, so the
/// reflection-free path matters.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredBatch))]
[JsonSerializable(typeof(StoredReading))]
[JsonSerializable(typeof(DeviceLivenessChanged))]
[JsonSerializable(typeof(ServicePresence))]
public sealed partial class IngestionJsonContext : JsonSerializerContext;
