using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsCenter.Contracts.Devices.Messages;

/// <summary>Fields every device message carries. <c>(DeviceId, Seq, Ts)</c> identifies a message.</summary>
public abstract record DeviceMessage
{
    public required string DeviceId { get; init; }

    /// <summary>When it was observed at the device; serialized as RFC 3339 with offset.</summary>
    public required DateTimeOffset Ts { get; init; }

    public required long Seq { get; init; }
}

/// <summary>Serializer settings that produce the contract's wire format (camelCase, nulls omitted, enums as camelCase strings).</summary>
public static class DeviceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}
