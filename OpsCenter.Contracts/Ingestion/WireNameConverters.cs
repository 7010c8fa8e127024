using System.Text.Json;
using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Contracts.Ingestion;

/// <summary>Kind as its topic segment (<c>traffic</c>), so the JSON between the services reads as before the enum.</summary>
public sealed class DeviceKindJsonConverter : JsonConverter<DeviceKind>
{
    private static readonly DeviceKind[] Kinds = Enum.GetValues<DeviceKind>();

    public override DeviceKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        foreach (var kind in Kinds)
        {
            if (reader.ValueTextEquals(kind.ToWire()))
                return kind;
        }
        throw new JsonException("unknown device kind");
    }

    public override void Write(Utf8JsonWriter writer, DeviceKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());
}

/// <summary>Channel as its topic segment (<c>telemetry</c>).</summary>
public sealed class DeviceChannelJsonConverter : JsonConverter<DeviceChannel>
{
    private static readonly DeviceChannel[] Channels = Enum.GetValues<DeviceChannel>();

    public override DeviceChannel Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        foreach (var channel in Channels)
        {
            if (reader.ValueTextEquals(channel.ToWire()))
                return channel;
        }
        throw new JsonException("unknown device channel");
    }

    public override void Write(Utf8JsonWriter writer, DeviceChannel value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());
}
