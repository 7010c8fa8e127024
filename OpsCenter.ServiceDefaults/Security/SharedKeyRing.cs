using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OpsCenter.ServiceDefaults.Security;

/// <summary>
/// The data-protection key ring every OpsCenter service shares (<c>Security:KeyRingPath</c>), under one application
/// name, so a bearer token the Server signs is valid at Ingest too. Without a path each process has its own keys and
/// no other service accepts its tokens.
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "OpsCenter";
    public const string PathKey = "Security:KeyRingPath";

    public static IDataProtectionBuilder AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (configuration[PathKey] is { Length: > 0 } path && !string.IsNullOrWhiteSpace(path))
            dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(path));
        return dataProtection;
    }
}
