using System.Text.Json;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Tests.Shared;

/// <summary>
/// Cities for tests: a small generated one written to a temp file (so tests do not depend on the demo data changing),
/// or the committed demo city (for tests about the demo data itself).
/// </summary>
public static class TestCity
{
    /// <summary>The repository's demo-city file (not a copy in bin), so tests check what is committed.</summary>
    public static string DemoInventoryPath { get; } = Path.Combine(RepoPaths.Root, "config", "demo-city", "inventory.json");

    private static readonly Lazy<CityInventory> DemoCity = new(() => CityInventory.Load(DemoInventoryPath));

    /// <summary>The committed demo city (Hai Phong), loaded once.</summary>
    public static CityInventory Demo => DemoCity.Value;

    /// <summary>A weekday morning just before rush hour, in Hai Phong time.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(7));

    public static CityInventory Create(int camerasPerArea = 2, int detectorsPerArea = 2, int officesPerArea = 1)
    {
        Area[] areas =
        [
            new() { Id = "lechan", Name = "Lê Chân", NameEn = "Le Chan", Lat = 20.846, Lon = 106.676, Roads = ["Lạch Tray"] },
            new() { Id = "hongbang", Name = "Hồng Bàng", NameEn = "Hong Bang", Lat = 20.864, Lon = 106.673, Roads = ["Hoàng Văn Thụ"] },
        ];
        var devices = new List<DeviceRecord>();
        foreach (var area in areas)
        {
            for (var i = 1; i <= camerasPerArea; i++)
                devices.Add(Device($"cam-{area.Id}-{i:D4}", "camera", area, i));
            for (var i = 1; i <= detectorsPerArea; i++)
                devices.Add(Device($"tfd-{area.Id}-{i:D2}", "traffic", area, i));
            for (var i = 1; i <= officesPerArea; i++)
                devices.Add(Device($"q-{area.Id}-{i:D2}", "counter", area, i));
        }
        return new CityInventory { City = "Hải Phòng", TimeZone = "Asia/Ho_Chi_Minh", Areas = areas, Devices = devices };
    }

    public static string WriteTo(string folder, CityInventory inventory)
    {
        var path = Path.Combine(folder, "inventory.json");
        File.WriteAllText(path, JsonSerializer.Serialize(inventory, JsonSerializerOptions.Web));
        return path;
    }

    private static DeviceRecord Device(string id, string kind, Area area, int i) => new()
    {
        Id = id, Kind = kind, Name = id, AreaId = area.Id, Lat = area.Lat + (i * 0.001), Lon = area.Lon, ReportingIntervalSeconds = 30,
    };
}
