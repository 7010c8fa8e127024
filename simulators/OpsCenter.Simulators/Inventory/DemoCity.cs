using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Inventory;

/// <summary>Finds the demo city's inventory: the repo's config/demo-city first, then the copy shipped beside the tool.</summary>
internal static class DemoCity
{
    private const string RelativePath = "config/demo-city/inventory.json";

    public static string DefaultInventoryPath()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "demo-city", "inventory.json");
    }

    public static CityInventory Load(string? path = null)
    {
        var file = path ?? DefaultInventoryPath();
        if (!File.Exists(file))
            throw new FileNotFoundException($"Inventory file '{file}' not found; pass --inventory or run from the repository.", file);
        return CityInventory.Load(file);
    }
}
