using System.Text.Json;
using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Devices.Messages;

/// <summary>Fields every device message carries. <c>(DeviceId, Seq, Ts)</c> identifies a message.</summary>
public abstract record DeviceMessage
{
    [JsonPropertyName(CommonFields.DeviceId)]
    public required string DeviceId { get; init; }

    /// <summary>When it was observed at the device; serialized as RFC 3339 with offset.</summary>
    [JsonPropertyName(CommonFields.Ts)]
    public required DateTimeOffset Ts { get; init; }

    [JsonPropertyName(CommonFields.Seq)]
    public required long Seq { get; init; }
}

/// <summary>
/// Serializer settings that produce the contract's wire format: nulls omitted, names and enum values as the records
/// spell them through <see cref="Fields"/> (camelCase stays as the fallback for anything unnamed).
/// </summary>
public static class DeviceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        // Set, not left to the first serialization: GetTypeInfo on options nobody has used yet would otherwise throw.
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
}
