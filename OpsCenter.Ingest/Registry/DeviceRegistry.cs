using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Ingest.Registry;

/// <summary>
/// The devices this city has registered, from the inventory file (and from the API or auto-registration at run time).
/// Lookups are lock-free: they sit on the hot path of every message.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly ConcurrentDictionary<string, DeviceRecord> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Area> _areas;

    public DeviceRegistry(CityInventory inventory, IOptions<IngestOptions> options)
    {
        AutoRegister = options.Value.AutoRegister;
        _areas = inventory.Areas.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var device in inventory.Devices)
            _devices[device.Id] = device;
    }

    public bool AutoRegister { get; }

    public IEnumerable<DeviceRecord> All => _devices.Values;

    public bool TryGet(string deviceId, out DeviceRecord device) => _devices.TryGetValue(deviceId, out device!);

    /// <summary>Finds the device or, with auto-registration on, registers it under an unknown area.</summary>
    public DeviceRecord? Resolve(string deviceId, DeviceKind kind)
    {
        if (_devices.TryGetValue(deviceId, out var device))
            return device.Kind == kind.ToWire() ? device : null;
        if (!AutoRegister)
            return null;
        return _devices.GetOrAdd(deviceId, id => new DeviceRecord
        {
            Id = id, Kind = kind.ToWire(), Name = id, AreaId = "unassigned", Lat = 0, Lon = 0,
        });
    }

    /// <summary>Adds or replaces a device (the registry API). Returns false when the area is unknown.</summary>
    public bool Upsert(DeviceRecord device)
    {
        if (!_areas.ContainsKey(device.AreaId))
            return false;
        _devices[device.Id] = device;
        return true;
    }
}
