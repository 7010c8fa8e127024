using System.Security.Cryptography;
using System.Text.Json;

namespace OpsCenter.AppHost;

/// <summary>
/// The demo's secrets, made once per data folder and kept there (0600): the first admin's password, and the device and
/// service MQTT secrets the broker issues at its first start. Nothing is fixed in code or docs.
/// </summary>
internal sealed class DemoSecrets(string dataDirectory)
{
    public const string AdminUsername = "admin";
    public const string IngestMqttUsername = "opscenter-ingest";
    public const string ServerMqttUsername = "opscenter-server";

    public string CredentialsDirectory => Path.Combine(dataDirectory, "credentials");
    public string KeyRingDirectory => Path.Combine(dataDirectory, "keys");
    public string AdminPasswordFile => Path.Combine(CredentialsDirectory, "admin-password.txt");
    public string DeviceSecretsFile => Path.Combine(CredentialsDirectory, "device-secrets.json");
    public string ServiceSecretsFile => Path.Combine(CredentialsDirectory, "service-secrets.json");
    public string DemoAccountsFile => Path.Combine(CredentialsDirectory, "demo-accounts.json");

    /// <summary>A <c>reporter</c> service key, so that the simulator's citizen-reports scenario can post field reports.</summary>
    public string ReporterKeyFile => Path.Combine(CredentialsDirectory, "reporter-key.txt");

    public string AdminPassword() => ReadOrCreate(AdminPasswordFile);

    /// <summary>A service's broker password, issued by the broker at its first start.</summary>
    public string ServiceMqttPassword(string username)
    {
        if (!File.Exists(ServiceSecretsFile))
            throw new InvalidOperationException($"{ServiceSecretsFile} is missing: the broker issues it at start-up.");
        using var document = JsonDocument.Parse(File.ReadAllText(ServiceSecretsFile));
        return document.RootElement.TryGetProperty(username, out var secret) && secret.GetString() is { } value
            ? value
            : throw new InvalidOperationException($"{ServiceSecretsFile} has no '{username}' secret.");
    }

    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    /// <summary>Readable by the owner only from the moment it exists (0600), not chmod-ed after being written.</summary>
    public static async Task WritePrivateAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(contents.AsMemory(), cancellationToken);
    }

    private string ReadOrCreate(string path)
    {
        if (File.Exists(path))
            return File.ReadAllText(path).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = NewPassword();
        File.WriteAllText(path, secret + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }
}
