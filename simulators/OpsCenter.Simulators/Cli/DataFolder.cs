using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

/// <summary>
/// The run command's data folder (<c>./run.sh --data DIR</c>, <c>./data</c> by default), where the running system keeps
/// the secrets it issued: one per device, the simulator's shared broker account, and a <c>reporter</c> service key for
/// posting citizen reports. Reading them from there lets a scenario run against <c>./run.sh</c>'s system as it is.
/// </summary>
internal sealed class DataFolder(string path)
{
    public const string DefaultName = "data";

    public string FullPath { get; } = Path.GetFullPath(path);

    public string DeviceSecretsFile => Path.Combine(FullPath, "credentials", "device-secrets.json");

    public string ServiceSecretsFile => Path.Combine(FullPath, "credentials", "service-secrets.json");

    public string ReporterKeyFile => Path.Combine(FullPath, "credentials", "reporter-key.txt");

    /// <summary>The folder given, else <c>./data</c> under <paramref name="currentDirectory"/> when it exists, else none.</summary>
    public static DataFolder? Find(DirectoryInfo? given, string currentDirectory)
    {
        if (given is not null)
            return new DataFolder(given.FullName);
        var fallback = Path.Combine(currentDirectory, DefaultName);
        return Directory.Exists(fallback) ? new DataFolder(fallback) : null;
    }

    /// <summary>deviceId → secret, or null when the system has not issued device secrets here.</summary>
    public IReadOnlyDictionary<string, string>? DeviceSecrets() =>
        File.Exists(DeviceSecretsFile) ? BrokerSettings.LoadSecrets(DeviceSecretsFile) : null;

    /// <summary>The secret of the shared account <see cref="BrokerSettings.SimulatorAccount"/>, if the Server issued one.</summary>
    public string? SimulatorSecret() =>
        File.Exists(ServiceSecretsFile) && BrokerSettings.LoadSecrets(ServiceSecretsFile).TryGetValue(BrokerSettings.SimulatorAccount, out var secret)
            ? secret
            : null;

    public string? ReporterKey() =>
        File.Exists(ReporterKeyFile) && File.ReadAllText(ReporterKeyFile).Trim() is { Length: > 0 } key ? key : null;
}
