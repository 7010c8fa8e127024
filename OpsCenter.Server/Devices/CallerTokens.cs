using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Devices;

/// <summary>
/// Bearer tokens for calls the Server makes to Ingest on a person's behalf. Ingest checks them with the shared key ring
/// and its own role rules, so a caller can never read more through the Server than Ingest would show them directly.
/// </summary>
public sealed class CallerTokens(IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
{
    /// <summary>Long enough for one call; a token that leaks from a log or a proxy is useless a minute later.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public string For(ClaimsPrincipal caller)
    {
        const string scheme = BearerTokenDefaults.AuthenticationScheme;
        // The caller may have come with the session cookie; the token says the same person and role under the bearer scheme.
        var identity = new ClaimsIdentity(caller.Claims, scheme);
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime }, scheme);
        return bearerOptions.Get(scheme).BearerTokenProtector.Protect(ticket);
    }
}
