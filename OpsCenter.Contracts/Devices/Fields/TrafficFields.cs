namespace OpsCenter.Contracts.Devices.Fields;

/// <summary>Wire names of traffic detector telemetry's own fields.</summary>
public static class TrafficTelemetryFields
{
    public const string PeriodSeconds = "periodSeconds";
    public const string LaneId = "laneId";
    public const string Intensity = "intensity";
    public const string Occupancy = "occupancy";
    public const string AverageVehicleSpeed = "averageVehicleSpeed";
    public const string Congested = "congested";
    public const string VehicleTypes = "vehicleTypes";
}

/// <summary>The keys allowed in <see cref="TrafficTelemetryFields.VehicleTypes"/> (an enum in the contract).</summary>
public static class VehicleTypes
{
    public const string Motorcycle = "motorcycle";
    public const string Car = "car";
    public const string Bus = "bus";
    public const string Truck = "truck";
    public const string Bicycle = "bicycle";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Motorcycle, Car, Bus, Truck, Bicycle, Other];

    /// <summary>
    /// How a vehicle class's count is named once stored: as a field of its own, <c>vehicleTypes.car</c>.
    /// In the order of <see cref="All"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> StoredNames = [.. All.Select(t => TrafficTelemetryFields.VehicleTypes + "." + t)];
}
