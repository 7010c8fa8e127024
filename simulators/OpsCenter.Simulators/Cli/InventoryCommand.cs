using System.CommandLine;
using OpsCenter.Simulators.Inventory;

namespace OpsCenter.Simulators.Cli;

internal static class InventoryCommand
{
    public static Command Create()
    {
        var scale = new Option<string>("--scale") { Description = "demo (72 devices), district (~340) or city (~2,750)", DefaultValueFactory = _ => "demo" };
        scale.AcceptOnlyFromAmong("demo", "district", "city");
        var output = new Option<FileInfo>("--out") { Description = "Where to write the inventory JSON", Required = true };
        var command = new Command("inventory", "Generate a deterministic scaled inventory from the demo city's areas and roads (the ingest loads it as its device registry).");
        var simulation = new SimulationOptions().AddTo(command);
        command.Options.Add(scale);
        command.Options.Add(output);
        command.SetAction(result =>
        {
            var chosen = InventoryScale.Parse(result.GetValue(scale)!);
            var inventory = InventoryScaler.Generate(simulation.Inventory(result), chosen, simulation.Seed(result));
            var file = result.GetValue(output)!;
            InventoryFile.Save(inventory, file.FullName);
            var byKind = inventory.Devices.GroupBy(d => d.Kind).Select(g => $"{g.Count()} {g.Key}");
            Console.WriteLine($"Wrote {file.FullName}: {inventory.Devices.Count} devices ({string.Join(", ", byKind)}) in {inventory.Areas.Count} areas of {inventory.City}.");
            return 0;
        });
        return command;
    }
}
