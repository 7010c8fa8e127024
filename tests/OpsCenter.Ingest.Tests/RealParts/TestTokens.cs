using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>
/// Issues a bearer token the way the Server does (same key ring, same application name, same scheme), so Ingest tests
/// can call its protected API without running a Server.
/// </summary>
public static class TestTokens
{
    public static string Issue(string keyRing, string role)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("OpsCenter").PersistKeysToFileSystem(Directory.CreateDirectory(keyRing));
        services.AddAuthentication().AddBearerToken();
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "test-" + role), new Claim(ClaimTypes.Role, role)], BearerTokenDefaults.AuthenticationScheme);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, BearerTokenDefaults.AuthenticationScheme);
        return options.BearerTokenProtector.Protect(ticket);
    }
}
