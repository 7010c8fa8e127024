using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.ServiceDefaults;

/// <summary>Settings section <c>Inventory</c>: the city's areas and devices, kept as a data file.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    [Required(ErrorMessage = "Inventory:Path is required: the city inventory JSON file (see config/demo-city/inventory.json).")]
    public string Path { get; set; } = "config/demo-city/inventory.json";
}

public static class CityInventoryRegistration
{
    /// <summary>Registers the city inventory both services read, with its path checked at start-up.</summary>
    public static IServiceCollection AddCityInventory(this IServiceCollection services)
    {
        services.AddValidatedOptions<InventoryOptions>(InventoryOptions.Section)
            .Validate(o => File.Exists(o.Path), "Inventory:Path must name an existing inventory JSON file.");
        return services.AddSingleton(sp => CityInventory.Load(sp.GetRequiredService<IOptions<InventoryOptions>>().Value.Path));
    }
}
