using System.CommandLine;

namespace OpsCenter.AppHost;

/// <summary>The run command's command line: <c>--data DIR</c>, <c>--no-simulator</c>, <c>--scale demo|district|city</c>.</summary>
internal static class RunCommand
{
    /// <param name="repoRoot">The default data folder is <c>data/</c> under it.</param>
    /// <param name="run">What to do with valid options; not called for <c>--help</c> or a usage error.</param>
    public static RootCommand Create(string repoRoot, Func<AppHostOptions, CancellationToken, Task<int>> run)
    {
        var data = new Option<string>("--data")
        {
            Description = "Where InfluxDB, PostgreSQL and the services keep their data; a relative path is relative to the current folder",
            HelpName = "DIR",
            DefaultValueFactory = _ => Path.Combine(repoRoot, "data"),
        };
        var noSimulator = new Option<bool>("--no-simulator") { Description = "Start everything but the demo-city device simulator" };
        var scale = new Option<string>("--scale")
        {
            Description = "Size of the city: demo (72 devices), district (340) or city (2,750); larger scales are generated once into the data folder",
            DefaultValueFactory = _ => "demo",
        };
        scale.AcceptOnlyFromAmong("demo", "district", "city");

        var command = new RootCommand(
            "The run command's launcher: starts InfluxDB, PostgreSQL, the Server (with the MQTT broker), Ingest and the " +
            "demo-city simulator on this machine, restarts a crashed service, and stops everything on Ctrl-C. " +
            "./run.sh builds it and passes its options here.")
        {
            data, noSimulator, scale,
        };
        command.SetAction((result, cancellationToken) => run(
            new AppHostOptions(Path.GetFullPath(result.GetValue(data)!), !result.GetValue(noSimulator), result.GetValue(scale)!),
            cancellationToken));
        return command;
    }
}
