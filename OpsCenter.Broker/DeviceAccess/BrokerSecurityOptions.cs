namespace OpsCenter.Broker.DeviceAccess;

/// <summary>The embedded broker's access control (section <c>Broker</c>, next to <c>BrokerOptions</c>).</summary>
public sealed class BrokerSecurityOptions
{
    /// <summary>
    /// Every client signs in: devices as their device id with their own secret, services with theirs. Turning it off
    /// lets anyone publish anything and is meant only for a closed lab network.
    /// </summary>
    public bool RequireDeviceCredentials { get; set; } = true;

    /// <summary>Folder of <c>mqtt-accounts.json</c> (hashes), and of the plain secret files when they are issued here.</summary>
    public string? CredentialsDirectory { get; set; }

    /// <summary>
    /// At start, give every inventory device and service account without a secret a new one (demo and first install).
    /// The plain secrets land in <c>device-secrets.json</c> / <c>service-secrets.json</c> for provisioning.
    /// </summary>
    public bool IssueMissingCredentials { get; set; }

    /// <summary>
    /// Demo and test rigs only: accept the service account <c>opscenter-simulator</c>, which may publish to any device
    /// topic (<c>ops/v1/#</c>) and nothing else, so that the simulator's scenarios, load and backfill can speak for many
    /// devices over a few shared connections. Its secret is issued with the others when
    /// <see cref="IssueMissingCredentials"/> is on. Off by default: a production broker refuses the account even when it
    /// is in <c>mqtt-accounts.json</c>.
    /// </summary>
    public bool SimulatorAccount { get; set; }
}
