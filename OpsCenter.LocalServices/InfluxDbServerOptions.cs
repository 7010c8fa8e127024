namespace OpsCenter.LocalServices;

/// <summary>InfluxDB's own settings on top of where it keeps data and listens.</summary>
public sealed class InfluxDbServerOptions : LocalServerOptions
{
    /// <summary>
    /// Switches on authentication (<c>[http] auth-enabled</c>). InfluxDB 1.x then refuses every request but <c>/ping</c>
    /// until the first admin is created, which it allows without credentials:
    /// <c>CREATE USER admin WITH PASSWORD '…' WITH ALL PRIVILEGES</c> over <c>/query</c>.
    /// </summary>
    public bool AuthEnabled { get; init; }
}
