namespace OpsCenter.Server.Security.Devices;

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
}
