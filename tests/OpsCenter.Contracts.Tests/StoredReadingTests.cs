using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Contracts.Tests;

/// <summary>What Ingest announces: typed for the code that reads it, unchanged on the wire between the services.</summary>
public class StoredReadingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 1, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Kind_and_channel_travel_as_their_topic_segments()
    {
        var json = JsonSerializer.Serialize(new StoredBatch([Traffic()]), IngestionJsonContext.Default.StoredBatch);

        Assert.Contains("\"kind\":\"traffic\",\"channel\":\"telemetry\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"traffic\":", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, IngestionJsonContext.Default.StoredBatch)!.Readings.Single();
        Assert.Equal((DeviceKind.Traffic, DeviceChannel.Telemetry), (back.Kind, back.Channel));
    }

    [Fact]
    public void A_map_the_reading_never_had_is_left_off_the_wire_and_reads_back_empty_while_the_others_travel()
    {
        var reading = Traffic();

        var json = JsonSerializer.Serialize(new StoredBatch([reading]), IngestionJsonContext.Default.StoredBatch);

        Assert.False(reading.HasTexts);
        Assert.DoesNotContain("\"texts\"", json, StringComparison.Ordinal);
        Assert.Contains("\"flags\":{\"congested\":true}", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize(json, IngestionJsonContext.Default.StoredBatch)!.Readings.Single();
        Assert.Empty(back.Texts);
        Assert.Equal(reading.Numbers, back.Numbers);
        Assert.Equal(reading.Flags, back.Flags);
        var office = Reading(DeviceKind.Counter, DeviceChannel.Telemetry) with { Texts = new() { [CounterTelemetryFields.ServiceStatus] = ServiceStatuses.Suspended } };
        var officeBack = JsonSerializer.Deserialize(JsonSerializer.Serialize(new StoredBatch([office]), IngestionJsonContext.Default.StoredBatch), IngestionJsonContext.Default.StoredBatch)!.Readings.Single();
        Assert.True(officeBack.HasTexts);
        Assert.Equal(office.Texts, officeBack.Texts);
    }

    [Fact]
    public void A_compact_reading_reads_like_one_with_maps_and_travels_the_same()
    {
        var compact = CompactTraffic();
        var withMaps = Traffic();

        Assert.Equal(withMaps.Numbers, compact.Numbers);
        Assert.Equal(withMaps.Flags, compact.Flags);
        Assert.Equal(withMaps.Traffic!.Value.AverageVehicleSpeed, compact.Traffic!.Value.AverageVehicleSpeed);
        Assert.Equal(7L, compact.Traffic!.Value.VehicleCount(VehicleTypes.Car));
        Assert.Null(compact.Traffic!.Value.VehicleCount(VehicleTypes.Bus));
        Assert.False(CompactTraffic().HasTexts);
        Assert.False(CompactTraffic().TryGetNumber(TrafficTelemetryFields.Intensity, out _)); // a slot never set
        Assert.Equal(
            JsonSerializer.Serialize(new StoredBatch([withMaps]), IngestionJsonContext.Default.StoredBatch),
            JsonSerializer.Serialize(new StoredBatch([CompactTraffic()]), IngestionJsonContext.Default.StoredBatch));
    }

    [Fact]
    public void Once_a_compact_readings_map_is_made_it_is_what_counts()
    {
        var reading = CompactTraffic();
        reading.Numbers[TrafficTelemetryFields.Intensity] = 42;
        var overridden = CompactTraffic() with { Flags = new() { [TrafficTelemetryFields.Congested] = false } };

        Assert.True(reading.TryGetNumber(TrafficTelemetryFields.Intensity, out var intensity) && intensity == 42);
        Assert.Contains(Walk(reading.NumberEntries), p => p.Key == TrafficTelemetryFields.Intensity && p.Value == 42);
        Assert.Contains("\"intensity\":42", JsonSerializer.Serialize(new StoredBatch([reading]), IngestionJsonContext.Default.StoredBatch), StringComparison.Ordinal);
        Assert.False(overridden.Traffic!.Value.Congested);
    }

    private static List<KeyValuePair<string, double>> Walk(ReadingEntries<double> entries)
    {
        var list = new List<KeyValuePair<string, double>>();
        foreach (var entry in entries)
            list.Add(entry);
        return list;
    }

    /// <summary>The same reading as <see cref="Traffic"/>, as Ingest's validator makes it: values by slot, no maps.</summary>
    private static StoredReading CompactTraffic()
    {
        var layout = new ReadingLayout(
            [TrafficTelemetryFields.Intensity, TrafficTelemetryFields.AverageVehicleSpeed, .. VehicleTypes.StoredNames],
            [TrafficTelemetryFields.Congested], []);
        var values = new ReadingValues(layout);
        values.SetNumber(1, 28.5);
        values.SetNumber(2 + 1, 7);
        values.SetFlag(0, true);
        return Reading(DeviceKind.Traffic, DeviceChannel.Telemetry) with { Values = values };
    }

    [Fact]
    public void An_unknown_kind_on_the_wire_is_unreadable_rather_than_guessed()
    {
        const string json = """{"readings":[{"deviceId":"x","kind":"bus","channel":"telemetry","ts":"2026-11-26T01:15:00Z","seq":1}]}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, IngestionJsonContext.Default.StoredBatch));
    }

    [Fact]
    public void Traffic_view_reads_the_fields_and_defaults_the_lane()
    {
        var traffic = Traffic().Traffic!.Value;

        Assert.Equal((28.5, true, TrafficReadingDefaults.Lane, 7L), (traffic.AverageVehicleSpeed, traffic.Congested, traffic.Lane, traffic.VehicleCount(VehicleTypes.Car)));
        Assert.Null(traffic.VehicleCount(VehicleTypes.Bus));
    }

    [Fact]
    public void Only_the_view_of_the_readings_own_message_type_is_there()
    {
        var reading = Traffic();

        Assert.Null(reading.CounterTelemetry);
        Assert.Null(reading.Status);
        Assert.Null(reading.CameraEvent);
    }

    [Fact]
    public void Views_turn_stored_enum_values_into_enums()
    {
        var office = Reading(DeviceKind.Counter, DeviceChannel.Telemetry) with
        {
            Numbers = new() { [CounterTelemetryFields.Waiting] = 7 },
            Texts = new() { [CounterTelemetryFields.ServiceStatus] = ServiceStatuses.Suspended },
        };
        var status = Reading(DeviceKind.Camera, DeviceChannel.Status) with { Texts = new() { [StatusFields.State] = DeviceStates.Degraded } };
        var ticket = Reading(DeviceKind.Counter, DeviceChannel.Event) with { EventType = CounterEventTypes.TicketCalled };

        Assert.Equal((ServiceStatus.Suspended, 7L), (office.CounterTelemetry!.Value.ServiceStatus, office.CounterTelemetry!.Value.Waiting));
        Assert.Equal(DeviceState.Degraded, status.Status!.Value.State);
        Assert.Equal(CounterEventType.TicketCalled, ticket.CounterEvent!.Value.Type);
    }

    private static StoredReading Traffic() => Reading(DeviceKind.Traffic, DeviceChannel.Telemetry) with
    {
        Numbers = new() { [TrafficTelemetryFields.AverageVehicleSpeed] = 28.5, [VehicleTypes.StoredNames[1]] = 7 },
        Flags = new() { [TrafficTelemetryFields.Congested] = true },
    };

    private static StoredReading Reading(DeviceKind kind, DeviceChannel channel) =>
        new() { DeviceId = "dev-1", Kind = kind, Channel = channel, Ts = At, Seq = 1 };

    private static class TrafficReadingDefaults
    {
        public const long Lane = Ingestion.Readings.TrafficReading.DefaultLane;
    }
}
