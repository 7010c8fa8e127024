using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.Rules;

/// <summary>A device's area and name from the inventory, for scopes and incident summaries.</summary>
public sealed class DeviceDirectory(CityInventory inventory)
{
    private readonly Dictionary<string, DeviceRecord> _devices = inventory.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public string? AreaOf(string deviceId) => _devices.TryGetValue(deviceId, out var device) ? device.AreaId : null;

    public string NameOf(string deviceId) => _devices.TryGetValue(deviceId, out var device) ? device.Name : deviceId;
}
