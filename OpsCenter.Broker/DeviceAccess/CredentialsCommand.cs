using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// <c>dotnet OpsCenter.Server.dll credentials issue --out DIR [--inventory FILE] [--service NAME]...</c> and
/// <c>dotnet OpsCenter.Server.dll credentials export-mosquitto --in DIR --out DIR [--simulator-account true]</c>.
/// </summary>
public static class CredentialsCommand
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "credentials";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var verb = args.Length > 1 ? args[1] : "";
        var options = ReadOptions(args.Skip(2).ToArray());
        switch (verb)
        {
            case "issue" when options.TryGetValue("--out", out var outDir):
                var devices = options.TryGetValue("--inventory", out var inventoryPaths)
                    ? CityInventory.Load(inventoryPaths[0]).Devices.Select(d => (d.Id, d.Kind))
                    : [];
                var services = ServiceAccounts.Defaults.Concat(options.GetValueOrDefault("--service") ?? []);
                var issued = CredentialFiles.IssueMissing(outDir[0], devices, services);
                await output.WriteLineAsync($"{issued} new secrets in {Path.GetFullPath(outDir[0])} ({CredentialFiles.Accounts}, {CredentialFiles.DeviceSecrets}, {CredentialFiles.ServiceSecrets})");
                return 0;
            case "export-mosquitto" when options.TryGetValue("--in", out var inDir) && options.TryGetValue("--out", out var exportDir):
                var withSimulator = options.TryGetValue("--simulator-account", out var simulator) && bool.TryParse(simulator[0], out var on) && on;
                var missing = await MosquittoFiles.ExportAsync(inDir[0], exportDir[0], withSimulator);
                await output.WriteLineAsync($"Wrote {MosquittoFiles.PasswordFileName} and {MosquittoFiles.AclFileName} to {Path.GetFullPath(exportDir[0])}");
                if (missing.Count > 0)
                    await output.WriteLineAsync($"Left out (no plain secret in {inDir[0]}): {string.Join(", ", missing)}");
                return 0;
            default:
                await output.WriteLineAsync("""
                    usage:
                      credentials issue --out DIR [--inventory FILE] [--service NAME]...
                          gives every device of the inventory and every service account without one a new secret
                          (--service opscenter-simulator: the demo/test-rig account that publishes for any device)
                      credentials export-mosquitto --in DIR --out DIR [--simulator-account true]
                          writes mosquitto's password_file (passwd) and acl_file (acl) for the accounts in DIR
                          (opscenter-simulator only with --simulator-account true)
                    """);
                return 2;
        }
    }

    private static Dictionary<string, List<string>> ReadOptions(string[] args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!options.TryGetValue(args[i], out var values))
                options[args[i]] = values = [];
            values.Add(args[i + 1]);
        }
        return options;
    }
}
