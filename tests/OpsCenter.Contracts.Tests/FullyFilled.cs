using OpsCenter.Contracts.Devices.Messages;

namespace OpsCenter.Contracts.Tests;

/// <summary>One instance of every message record with every optional field set, as a device would fill them.</summary>
internal static class FullyFilled
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 8, 15, 0, TimeSpan.FromHours(7));

    public static IReadOnlyList<DeviceMessage> Messages =>
    [
        new StatusMessage { DeviceId = "cam-1", Ts = At, Seq = 1, State = DeviceState.Online, FirmwareVersion = "5.7.3", IpAddress = "10.0.0.1", Rssi = -61, BatteryLevel = 0.5 },
        new CameraTelemetry
        {
            DeviceId = "cam-1", Ts = At, Seq = 2, Online = true, Fps = 25, BitrateKbps = 4096, Recording = true, StorageFreePct = 63.5, PeopleCount = 12,
            VehicleCount = 30,
        },
        new CameraEvent
        {
            DeviceId = "cam-1", Ts = At, Seq = 3, Type = CameraEventType.Crowd, Severity = Severity.Major, ObjectCount = 85, Confidence = 0.91,
            SnapshotUrl = "https://nvr.example/snap/1.jpg",
        },
        new TrafficTelemetry
        {
            DeviceId = "tfd-1", Ts = At, Seq = 4, PeriodSeconds = 60, LaneId = 1, Intensity = 42, Occupancy = 0.35, AverageVehicleSpeed = 28.5,
            Congested = false, VehicleTypes = new VehicleTypeCounts { Motorcycle = 30, Car = 10, Bus = 1, Truck = 1, Bicycle = 0, Other = 0 },
        },
        new CounterTelemetry { DeviceId = "q-1", Ts = At, Seq = 5, ServiceStatus = ServiceStatus.Open, Waiting = 7, CountersOpen = 4 },
        new CounterEvent
        {
            DeviceId = "q-1", Ts = At, Seq = 6, Type = CounterEventType.CaseReceived, TicketId = "A-1", ServiceId = "land-use", CounterNo = 3,
            CaseId = "HS-1", Channel = CaseChannel.InPerson, DueAt = At.AddDays(7), Score = 5,
        },
    ];
}
