using System.CommandLine;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Cli;

/// <summary>Which city and which random run: the inventory file and the seed.</summary>
internal sealed class SimulationOptions
{
    private readonly Option<FileInfo?> _inventory = new("--inventory")
    {
        Description = "Inventory JSON (default: config/demo-city/inventory.json)",
    };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed: the same seed gives the same messages", DefaultValueFactory = _ => 42 };

    public SimulationOptions AddTo(Command command)
    {
        command.Options.Add(_inventory);
        command.Options.Add(_seed);
        return this;
    }

    public int Seed(ParseResult result) => result.GetValue(_seed);

    public CityInventory Inventory(ParseResult result) => DemoCity.Load(result.GetValue(_inventory)?.FullName);

    public DeviceSimulationSettings Settings(ParseResult result, CityInventory inventory, double clockSkewSeconds = 0, bool reboots = true) =>
        new(Seed(result), new CityTime(inventory.TimeZone), clockSkewSeconds, reboots);

    public static Option<TimeSpan?> DurationOption(string name, string description, TimeSpan? defaultValue = null) => new(name)
    {
        Description = description + " (e.g. 90s, 5m, 2h)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = arg =>
        {
            if (DurationParser.TryParse(arg.Tokens[0].Value, out var value))
                return value;
            arg.AddError($"'{arg.Tokens[0].Value}' is not a duration such as 90s, 5m or 2h.");
            return null;
        },
    };
}
