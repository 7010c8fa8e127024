using System.Text.Encodings.Web;
using System.Text.Json;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Simulators.Inventory;

internal static class InventoryFile
{
    // Readable Vietnamese in the file (no \u escapes): it is data people review.
    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerOptions.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Save(CityInventory inventory, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        File.WriteAllText(path, JsonSerializer.Serialize(inventory, WriteOptions) + "\n");
    }
}
