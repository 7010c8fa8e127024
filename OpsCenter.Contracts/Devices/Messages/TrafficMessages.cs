namespace OpsCenter.Contracts.Devices.Messages;

/// <summary>One detector (and lane) per counting period, stamped at the end of the period.</summary>
public sealed record TrafficTelemetry : DeviceMessage
{
    public required int PeriodSeconds { get; init; }
    public int? LaneId { get; init; }
    public required long Intensity { get; init; }
    public required double Occupancy { get; init; }
    public required double AverageVehicleSpeed { get; init; }
    public bool? Congested { get; init; }
    public VehicleTypeCounts? VehicleTypes { get; init; }
}

/// <summary>Counts by vehicle class; the keys are an enum in the contract.</summary>
public sealed record VehicleTypeCounts
{
    public long? Motorcycle { get; init; }
    public long? Car { get; init; }
    public long? Bus { get; init; }
    public long? Truck { get; init; }
    public long? Bicycle { get; init; }
    public long? Other { get; init; }
}
