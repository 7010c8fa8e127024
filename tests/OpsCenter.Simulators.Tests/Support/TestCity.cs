using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Tests.Support;

internal static class TestCity
{
    private static readonly Lazy<CityInventory> Demo = new(() => DemoCity.Load(FindRepoInventory()));

    public static CityInventory Inventory => Demo.Value;

    /// <summary>A weekday morning just before rush hour, in Hai Phong time.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 6, 0, 0, TimeSpan.FromHours(7));

    public static DeviceSimulationSettings Settings(int seed = 42, bool reboots = true, double skew = 0) =>
        new(seed, CityTime.HaiPhong, skew, reboots);

    /// <summary>The repository's data file (not the copy in bin), so the tests check what is committed.</summary>
    public static string FindRepoInventory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "demo-city", "inventory.json");
            if (File.Exists(candidate))
                return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "demo-city", "inventory.json");
    }
}
