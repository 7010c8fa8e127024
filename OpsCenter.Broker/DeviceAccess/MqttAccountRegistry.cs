using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// The broker logins, loaded once from <c>mqtt-accounts.json</c> (after issuing missing secrets when configured to).
/// Loaded on first use, so that the embedded broker and the Server's own MQTT client see the same state.
/// </summary>
public sealed partial class MqttAccountRegistry
{
    private readonly Lazy<FrozenDictionary<string, MqttAccount>> _accounts;
    private readonly BrokerSecurityOptions _options;

    public MqttAccountRegistry(IOptions<BrokerSecurityOptions> options, CityInventory inventory, ILogger<MqttAccountRegistry> logger)
    {
        _options = options.Value;
        _accounts = new(() => Load(inventory, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool Required => _options.RequireDeviceCredentials;

    public int Count => _accounts.Value.Count;

    public MqttAccount? Find(string? username) =>
        username is not null && _accounts.Value.TryGetValue(username, out var account) ? account : null;

    public MqttAccount? Authenticate(string? username, string? secret) =>
        Find(username) is { } account && account.Accepts(secret) ? account : null;

    /// <summary>The plain secret of a service account issued into the credentials folder, if it is there.</summary>
    public string? IssuedServiceSecret(string username)
    {
        _ = _accounts.Value;
        return _options.CredentialsDirectory is { } dir
            && CredentialFiles.ReadSecrets(Path.Combine(dir, CredentialFiles.ServiceSecrets)).TryGetValue(username, out var secret)
            ? secret
            : null;
    }

    private FrozenDictionary<string, MqttAccount> Load(CityInventory inventory, ILogger logger)
    {
        if (!_options.RequireDeviceCredentials)
            return FrozenDictionary<string, MqttAccount>.Empty;
        var dir = _options.CredentialsDirectory;
        if (string.IsNullOrWhiteSpace(dir))
            throw new InvalidOperationException(
                "Broker:RequireDeviceCredentials is on but Broker:CredentialsDirectory is not set: name the folder holding mqtt-accounts.json " +
                "(see docs/security.md), or set Broker:IssueMissingCredentials=true to create it from the inventory.");
        if (_options.IssueMissingCredentials)
        {
            IEnumerable<string> services = _options.SimulatorAccount ? [.. ServiceAccounts.Defaults, ServiceAccounts.Simulator] : ServiceAccounts.Defaults;
            var issued = CredentialFiles.IssueMissing(dir, inventory.Devices.Select(d => (d.Id, d.Kind)), services);
            if (issued > 0)
                LogIssued(logger, issued, Path.GetFullPath(dir));
        }
        // Switching the setting off must shut the account out even though its hash stays in the file.
        var accounts = CredentialFiles.ReadAccounts(dir).Where(a => _options.SimulatorAccount || !a.IsSimulator).ToList();
        if (accounts.Count == 0)
            throw new InvalidOperationException($"No MQTT accounts in {Path.Combine(dir, CredentialFiles.Accounts)}: issue them with " +
                "'dotnet OpsCenter.Broker.dll credentials issue' or set Broker:IssueMissingCredentials=true.");
        LogLoaded(logger, accounts.Count, Path.GetFullPath(dir));
        if (accounts.Any(a => a.IsSimulator))
            LogSimulatorAccount(logger, ServiceAccounts.Simulator);
        return accounts.ToFrozenDictionary(a => a.Username, StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued {Count} new MQTT secrets into {Directory}")]
    private static partial void LogIssued(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} MQTT accounts from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int count, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT account {Username} may publish for any device (Broker:SimulatorAccount=true): for demo and test rigs only")]
    private static partial void LogSimulatorAccount(ILogger logger, string username);
}
