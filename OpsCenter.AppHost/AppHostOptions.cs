namespace OpsCenter.AppHost;

/// <summary>Command line of the run command: <c>--data DIR</c>, <c>--no-simulator</c>, <c>--scale demo</c>.</summary>
internal sealed record AppHostOptions(string DataDirectory, bool StartSimulator, string Scale)
{
    public const string Usage = """
        Usage: run.sh [--data DIR] [--no-simulator] [--scale demo]
          --data DIR       where InfluxDB, PostgreSQL and the services keep their data (default: <repo>/data)
          --no-simulator   start everything but the demo-city device simulator
          --scale demo     size of the simulated city (only "demo" for now)
        """;

    /// <summary>The options, or an error message for the user.</summary>
    public static (AppHostOptions? Options, string? Error) Parse(IReadOnlyList<string> args, string repoRoot)
    {
        var data = Path.Combine(repoRoot, "data");
        var simulator = true;
        var scale = "demo";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--data" when i + 1 < args.Count:
                    data = Path.GetFullPath(args[++i]);
                    break;
                case "--no-simulator":
                    simulator = false;
                    break;
                case "--scale" when i + 1 < args.Count:
                    scale = args[++i];
                    if (scale != "demo")
                    {
                        return (null, $"unknown scale '{scale}'; only 'demo' is available");
                    }
                    break;
                case "-h" or "--help":
                    return (null, "");
                default:
                    return (null, $"unknown or incomplete option '{args[i]}'");
            }
        }
        return (new AppHostOptions(data, simulator, scale), null);
    }
}
