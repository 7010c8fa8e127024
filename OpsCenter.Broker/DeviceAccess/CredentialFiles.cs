using System.Security.Cryptography;
using System.Text.Json;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// The credential folder: <c>mqtt-accounts.json</c> (what the broker checks: hashes only) and, where secrets are
/// issued, <c>device-secrets.json</c> and <c>service-secrets.json</c> (deviceId/username → secret, mode 0600) for
/// provisioning devices, the simulator and the services. Issuing only adds: existing secrets are never changed.
/// </summary>
public static class CredentialFiles
{
    public const string Accounts = "mqtt-accounts.json";
    public const string DeviceSecrets = "device-secrets.json";
    public const string ServiceSecrets = "service-secrets.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns how many new secrets were issued.</summary>
    public static int IssueMissing(string directory, IEnumerable<(string Id, string Kind)> devices, IEnumerable<string> services)
    {
        Directory.CreateDirectory(directory);
        var accounts = ReadAccounts(directory).ToDictionary(a => a.Username, StringComparer.Ordinal);
        var deviceSecrets = ReadSecrets(Path.Combine(directory, DeviceSecrets));
        var serviceSecrets = ReadSecrets(Path.Combine(directory, ServiceSecrets));
        var issued = 0;
        foreach (var (id, kind) in devices)
        {
            if (accounts.ContainsKey(id))
                continue;
            var secret = NewSecret();
            deviceSecrets[id] = secret;
            accounts[id] = new MqttAccount(id, kind, MqttAccount.HashSecret(secret));
            issued++;
        }
        foreach (var name in services)
        {
            if (accounts.ContainsKey(name))
                continue;
            var secret = NewSecret();
            serviceSecrets[name] = secret;
            accounts[name] = new MqttAccount(name, null, MqttAccount.HashSecret(secret));
            issued++;
        }
        if (issued == 0)
            return 0;
        WritePrivate(Path.Combine(directory, DeviceSecrets), JsonSerializer.Serialize(deviceSecrets, Indented));
        WritePrivate(Path.Combine(directory, ServiceSecrets), JsonSerializer.Serialize(serviceSecrets, Indented));
        WritePrivate(Path.Combine(directory, Accounts), JsonSerializer.Serialize(
            new MqttAccountFile([.. accounts.Values.OrderBy(a => a.Username, StringComparer.Ordinal)]), Indented));
        return issued;
    }

    public static IReadOnlyList<MqttAccount> ReadAccounts(string directory)
    {
        var path = Path.Combine(directory, Accounts);
        if (!File.Exists(path))
            return [];
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<MqttAccountFile>(stream)?.Accounts
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    public static SortedDictionary<string, string> ReadSecrets(string path)
    {
        if (!File.Exists(path))
            return new(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return new(secrets, StringComparer.Ordinal);
    }

    /// <summary>43 URL-safe characters (256 bits): no ':' so it also fits mosquitto's "user:password" lines.</summary>
    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Written beside and renamed over the old file, readable by the owner only.</summary>
    public static void WritePrivate(string path, string contents)
    {
        var temp = path + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(temp, contents);
        }
        else
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            using (var writer = new StreamWriter(stream))
                writer.Write(contents);
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }
}
