using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Security;

/// <summary>Settings section <c>Security</c>: sign-in, sessions and the first administrator.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Created at start-up when no administrator exists. There is no default: set
    /// <c>Security__BootstrapAdmin__Username</c> and <c>Security__BootstrapAdmin__Password</c> for the first start.
    /// </summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sliding session of people at a desk.</summary>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;

    /// <summary>Sliding session of unattended wall screens: nobody is there to sign in again every morning.</summary>
    [Range(1, 365)]
    public int WallSessionDays { get; set; } = 30;

    [Range(1, 24 * 60)]
    public int BearerTokenMinutes { get; set; } = 60;

    /// <summary>
    /// Folder of the data-protection key ring that signs cookies and bearer tokens. Set it to a folder that survives
    /// restarts (and is shared by every Server instance); unset, ASP.NET Core's per-user default is used.
    /// </summary>
    public string? KeyRingPath { get; set; }
}

public sealed class BootstrapAdminOptions
{
    public string? Username { get; set; }
    public string? Password { get; set; }
}
