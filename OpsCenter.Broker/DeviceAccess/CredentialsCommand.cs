using System.CommandLine;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// <c>dotnet OpsCenter.Broker.dll credentials issue --out DIR [--inventory FILE] [--service NAME]...</c> and
/// <c>dotnet OpsCenter.Broker.dll credentials export-mosquitto --in DIR --out DIR [--simulator-account]</c>.
/// </summary>
public static class CredentialsCommand
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "credentials";

    public static Task<int> RunAsync(string[] args, TextWriter output)
    {
        var root = new RootCommand("OpsCenter broker: device and service MQTT credentials") { Create(output) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output });
    }

    public static Command Create(TextWriter output)
    {
        var command = new Command("credentials", "Issue MQTT secrets for devices and services, or export them for mosquitto.");
        command.Subcommands.Add(Issue(output));
        command.Subcommands.Add(ExportMosquitto(output));
        return command;
    }

    private static Command Issue(TextWriter output)
    {
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Credentials folder (mqtt-accounts.json and the secret files)", Required = true };
        var inventory = new Option<FileInfo?>("--inventory") { Description = "City inventory whose devices get a secret" };
        var services = new Option<string[]>("--service")
        {
            Description = "Extra service account (repeatable); opscenter-simulator is the demo/test-rig account that publishes for any device",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("issue", "Give every device of the inventory and every service account without one a new secret.") { outDir, inventory, services };
        command.SetAction(async (result, _) =>
        {
            var folder = result.GetRequiredValue(outDir).FullName;
            var devices = result.GetValue(inventory) is { } file
                ? CityInventory.Load(file.FullName).Devices.Select(d => (d.Id, d.Kind))
                : [];
            var issued = CredentialFiles.IssueMissing(folder, devices, ServiceAccounts.Defaults.Concat(result.GetValue(services) ?? []));
            await output.WriteLineAsync($"{issued} new secrets in {folder} ({CredentialFiles.Accounts}, {CredentialFiles.DeviceSecrets}, {CredentialFiles.ServiceSecrets})");
            return 0;
        });
        return command;
    }

    private static Command ExportMosquitto(TextWriter output)
    {
        var inDir = new Option<DirectoryInfo>("--in") { Description = "Credentials folder to read", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for mosquitto's password_file (passwd) and acl_file (acl)", Required = true };
        var simulator = new Option<bool>("--simulator-account") { Description = "Include opscenter-simulator (demo and test rigs only)" };
        var command = new Command("export-mosquitto", "Write mosquitto's password and ACL files for the accounts in a credentials folder.") { inDir, outDir, simulator };
        command.SetAction(async (result, cancellationToken) =>
        {
            var source = result.GetRequiredValue(inDir).FullName;
            var target = result.GetRequiredValue(outDir).FullName;
            var missing = await MosquittoFiles.ExportAsync(source, target, result.GetValue(simulator), cancellationToken);
            await output.WriteLineAsync($"Wrote {MosquittoFiles.PasswordFileName} and {MosquittoFiles.AclFileName} to {target}");
            if (missing.Count > 0)
                await output.WriteLineAsync($"Left out (no plain secret in {source}): {string.Join(", ", missing)}");
            return 0;
        });
        return command;
    }
}
