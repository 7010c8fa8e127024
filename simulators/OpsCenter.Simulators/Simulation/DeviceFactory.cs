using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Simulation;

internal static class DeviceFactory
{
    public static SimulatedDevice Create(DeviceRecord record, DeviceSimulationSettings settings) => record.Kind switch
    {
        "camera" => new CameraDevice(record, settings),
        "traffic" => new TrafficDetectorDevice(record, settings),
        "counter" => new OneStopOfficeDevice(record, settings),
        _ => throw new InvalidDataException($"Device '{record.Id}' has unknown kind '{record.Kind}'."),
    };

    public static List<SimulatedDevice> CreateAll(CityInventory inventory, DeviceSimulationSettings settings) =>
        inventory.Devices.Select(d => Create(d, settings)).ToList();
}
