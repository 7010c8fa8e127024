namespace OpsCenter.Simulators.Inventory;

/// <summary>How big a city to simulate: a laptop demo, one district's worth, or the whole city.</summary>
internal sealed record InventoryScale(string Name, int Cameras, int Detectors, int Offices)
{
    public static readonly InventoryScale Demo = new("demo", 40, 20, 12);
    public static readonly InventoryScale District = new("district", 250, 60, 30);
    public static readonly InventoryScale City = new("city", 2000, 500, 250);

    public static readonly IReadOnlyList<InventoryScale> All = [Demo, District, City];

    public static InventoryScale Parse(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scale '{name}'; use demo, district or city.", nameof(name));
}
