using System.Diagnostics;

namespace OpsCenter.AppHost;

/// <summary>
/// Which inventory the whole system runs on. The demo city is the data file in the repository; larger scales are
/// generated once by the simulator (deterministically, from the demo city's areas and roads) into the data folder.
/// </summary>
internal static class CityScale
{
    public const string Demo = "demo";

    public static async Task<string> InventoryAsync(string repoRoot, string dataDirectory, string scale, string simulatorDll, ConsoleLog log,
        CancellationToken cancellationToken)
    {
        if (scale == Demo)
            return Path.Combine(repoRoot, "config", "demo-city", "inventory.json");

        var path = Path.Combine(dataDirectory, $"inventory-{scale}.json");
        if (File.Exists(path))
            return path;
        log.Info($"generating the {scale}-scale inventory into {path}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { simulatorDll, "inventory", "--scale", scale, "--out", path })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the simulator");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !File.Exists(path))
            throw new InvalidOperationException($"generating the {scale} inventory failed: {await errors}");
        return path;
    }
}
