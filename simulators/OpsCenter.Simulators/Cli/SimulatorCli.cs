using System.CommandLine;

namespace OpsCenter.Simulators.Cli;

internal static class SimulatorCli
{
    public static RootCommand Create() => new("opscenter-sim: simulated cameras, traffic detectors and one-stop offices of the demo city, speaking the OpsCenter device contract.")
    {
        FleetCommand.Create(),
        ScenarioCommand.Create(),
        LoadCommand.Create(),
        BackfillCommand.Create(),
        InventoryCommand.Create(),
    };
}
