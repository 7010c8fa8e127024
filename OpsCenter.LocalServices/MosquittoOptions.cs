namespace OpsCenter.LocalServices;

/// <summary>Broker settings beyond the data folder and port.</summary>
public sealed class MosquittoOptions : LocalServerOptions
{
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>A mosquitto_passwd file, or null for none.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>A mosquitto ACL file, or null for none.</summary>
    public string? AclFile { get; init; }
}
