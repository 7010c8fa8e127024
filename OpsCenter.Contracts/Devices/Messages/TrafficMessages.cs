using System.Text.Json.Serialization;
using OpsCenter.Contracts.Devices.Fields;

namespace OpsCenter.Contracts.Devices.Messages;

/// <summary>One detector (and lane) per counting period, stamped at the end of the period.</summary>
public sealed record TrafficTelemetry : DeviceMessage
{
    [JsonPropertyName(TrafficTelemetryFields.PeriodSeconds)] public required int PeriodSeconds { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.LaneId)] public int? LaneId { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.Intensity)] public required long Intensity { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.Occupancy)] public required double Occupancy { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.AverageVehicleSpeed)] public required double AverageVehicleSpeed { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.Congested)] public bool? Congested { get; init; }
    [JsonPropertyName(TrafficTelemetryFields.VehicleTypes)] public VehicleTypeCounts? VehicleTypes { get; init; }
}

/// <summary>Counts by vehicle class; the keys are an enum in the contract.</summary>
public sealed record VehicleTypeCounts
{
    [JsonPropertyName(Fields.VehicleTypes.Motorcycle)] public long? Motorcycle { get; init; }
    [JsonPropertyName(Fields.VehicleTypes.Car)] public long? Car { get; init; }
    [JsonPropertyName(Fields.VehicleTypes.Bus)] public long? Bus { get; init; }
    [JsonPropertyName(Fields.VehicleTypes.Truck)] public long? Truck { get; init; }
    [JsonPropertyName(Fields.VehicleTypes.Bicycle)] public long? Bicycle { get; init; }
    [JsonPropertyName(Fields.VehicleTypes.Other)] public long? Other { get; init; }
}
