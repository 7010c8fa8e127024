using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace OpsCenter.Broker.DeviceAccess;

/// <summary>
/// One broker login. A device (<see cref="Kind"/> set) may publish only under its own topics; a service account
/// (<see cref="Kind"/> null: Ingest, the Server) may read and write everything, except the simulator's account, which
/// may only publish to device topics (see <see cref="TopicAcl"/>).
/// </summary>
public sealed record MqttAccount(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("secretSha256")] string SecretSha256)
{
    /// <summary>Reads and writes everything: Ingest and the Server.</summary>
    [JsonIgnore]
    public bool IsService => Kind is null && !IsSimulator;

    /// <summary>The demo/test-rig account that publishes for many devices (<see cref="BrokerSecurityOptions.SimulatorAccount"/>).</summary>
    [JsonIgnore]
    public bool IsSimulator => Kind is null && string.Equals(Username, ServiceAccounts.Simulator, StringComparison.Ordinal);

    /// <summary>
    /// SHA-256, not a slow password hash: secrets are 256 random bits that nobody can guess, and thousands of devices
    /// reconnecting after a broker restart must not cost a PBKDF2 run each.
    /// </summary>
    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Accepts(string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(SecretSha256));
}

/// <summary>The file the broker reads (<c>mqtt-accounts.json</c>): hashes only, safe to keep on the broker host.</summary>
public sealed record MqttAccountFile([property: JsonPropertyName("accounts")] IReadOnlyList<MqttAccount> Accounts);

public static class ServiceAccounts
{
    public const string Ingest = "opscenter-ingest";
    public const string Server = "opscenter-server";

    /// <summary>Only issued and accepted with <see cref="BrokerSecurityOptions.SimulatorAccount"/>.</summary>
    public const string Simulator = "opscenter-simulator";

    public static readonly IReadOnlyList<string> Defaults = [Ingest, Server];
}
