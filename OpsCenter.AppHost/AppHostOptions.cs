namespace OpsCenter.AppHost;

/// <summary>Command line of the run command: <c>--data DIR</c>, <c>--no-simulator</c>, <c>--scale demo|district|city</c>.</summary>
internal sealed record AppHostOptions(string DataDirectory, bool StartSimulator, string Scale)
{
    public const string Usage = """
        Usage: run.sh [--data DIR] [--no-simulator] [--scale demo|district|city]
          --data DIR       where InfluxDB, PostgreSQL and the services keep their data (default: <repo>/data)
          --no-simulator   start everything but the demo-city device simulator
          --scale NAME     size of the city: demo (72 devices, the default), district (340) or city (2,750);
                           (larger scales are generated once into the data folder)
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
                    if (scale is not ("demo" or "district" or "city"))
                    {
                        return (null, $"unknown scale '{scale}'; use demo, district or city");
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
