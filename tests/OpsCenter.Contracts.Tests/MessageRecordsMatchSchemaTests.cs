using System.Text.Json;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Schemas;

namespace OpsCenter.Contracts.Tests;

/// <summary>
/// The message records the simulators publish speak exactly the schemas' language: the same property names, the same
/// required fields and the same enum values. The JSON Schemas are the source of truth.
/// </summary>
public class MessageRecordsMatchSchemaTests
{
    private static readonly Dictionary<Type, (DeviceKind Kind, DeviceChannel Channel)> SchemaOf = new()
    {
        [typeof(StatusMessage)] = (DeviceKind.Camera, DeviceChannel.Status),
        [typeof(CameraTelemetry)] = (DeviceKind.Camera, DeviceChannel.Telemetry),
        [typeof(CameraEvent)] = (DeviceKind.Camera, DeviceChannel.Event),
        [typeof(TrafficTelemetry)] = (DeviceKind.Traffic, DeviceChannel.Telemetry),
        [typeof(CounterTelemetry)] = (DeviceKind.Counter, DeviceChannel.Telemetry),
        [typeof(CounterEvent)] = (DeviceKind.Counter, DeviceChannel.Event),
    };

    public static TheoryData<string> Records => [.. SchemaOf.Keys.Select(t => t.Name)];

    [Fact]
    public void Every_message_type_with_a_schema_has_a_record()
    {
        var withSchema = Enum.GetValues<DeviceKind>()
            .SelectMany(k => Enum.GetValues<DeviceChannel>().Where(c => DeviceSchemas.HasSchema(k, c)).Select(c => DeviceSchemas.GetSchemaFileName(k, c)))
            .ToHashSet();

        Assert.Equal(withSchema.Order(), SchemaOf.Values.Select(v => DeviceSchemas.GetSchemaFileName(v.Kind, v.Channel)).Order());
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Record_declares_exactly_the_schema_properties_and_required_fields(string record)
    {
        var (type, schema) = Find(record);
        var properties = DeviceJson.Options.GetTypeInfo(type).Properties;

        Assert.Equal(PropertyNames(schema).Order(), properties.Select(p => p.Name).Order());
        Assert.Equal(Required(schema).Order(), properties.Where(p => p.IsRequired).Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Record_enum_properties_serialize_to_exactly_the_schema_enum(string record)
    {
        var (type, schema) = Find(record);
        foreach (var property in DeviceJson.Options.GetTypeInfo(type).Properties)
        {
            var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!enumType.IsEnum)
                continue;
            var schemaValues = schema.GetProperty("properties").GetProperty(property.Name).GetProperty("enum").EnumerateArray().Select(e => e.GetString());

            Assert.Equal(schemaValues, WireNames(enumType));
        }
    }

    [Fact]
    public void Vehicle_counts_serialize_to_exactly_the_schema_vehicle_types()
    {
        var schema = Schema(DeviceKind.Traffic, DeviceChannel.Telemetry);
        var keys = schema.GetProperty("properties").GetProperty(TrafficTelemetryFields.VehicleTypes).GetProperty("propertyNames").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(keys, DeviceJson.Options.GetTypeInfo(typeof(VehicleTypeCounts)).Properties.Select(p => p.Name));
        Assert.Equal(keys, VehicleTypes.All);
    }

    [Fact]
    public void Fully_filled_records_serialize_to_only_schema_property_names()
    {
        foreach (var message in FullyFilled.Messages)
        {
            var json = JsonSerializer.SerializeToNode(message, message.GetType(), DeviceJson.Options)!.AsObject();
            var schema = Find(message.GetType().Name).Schema;

            Assert.Equal(PropertyNames(schema).Order(), json.Select(p => p.Key).Order());
        }
    }

    [Fact]
    public void Value_lists_follow_the_order_of_their_enums()
    {
        // Typed accessors map a stored value to its enum by position in these lists.
        Assert.Equal(DeviceStates.All, WireNames(typeof(DeviceState)));
        Assert.Equal(CameraEventTypes.All, WireNames(typeof(CameraEventType)));
        Assert.Equal(Severities.All, WireNames(typeof(Severity)));
        Assert.Equal(ServiceStatuses.All, WireNames(typeof(ServiceStatus)));
        Assert.Equal(CounterEventTypes.All, WireNames(typeof(CounterEventType)));
        Assert.Equal(CaseChannels.All, WireNames(typeof(CaseChannel)));
    }

    private static IEnumerable<string> WireNames(Type enumType) =>
        Enum.GetValues(enumType).Cast<object>().Select(v => JsonSerializer.SerializeToElement(v, enumType, DeviceJson.Options).GetString()!);

    private static (Type Type, JsonElement Schema) Find(string record)
    {
        var (type, (kind, channel)) = SchemaOf.Single(kv => kv.Key.Name == record);
        return (type, Schema(kind, channel));
    }

    private static JsonElement Schema(DeviceKind kind, DeviceChannel channel) => JsonDocument.Parse(DeviceSchemas.GetSchemaText(kind, channel)).RootElement;

    private static IEnumerable<string> PropertyNames(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static IEnumerable<string> Required(JsonElement schema) => schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!);
}
