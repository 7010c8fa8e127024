using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Security;

/// <summary>
/// Authenticates machine clients by service key, sent as <c>Authorization: ApiKey KEY</c> (what Prometheus'
/// <c>authorization: {type: ApiKey}</c> sends) or <c>X-Api-Key: KEY</c>.
/// </summary>
public sealed class ServiceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ServiceKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceKey";
    public const string HeaderName = "X-Api-Key";
    public const string AuthorizationPrefix = "ApiKey ";

    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
            return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(AuthorizationPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[AuthorizationPrefix.Length..].Trim()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
            return AuthenticateResult.NoResult();
        if (key.Length > 200)
            return AuthenticateResult.Fail("invalid service key");
        var found = await keys.FindActiveAsync(key, Context.RequestAborted);
        if (found is not { } service)
            return AuthenticateResult.Fail("invalid service key");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "service:" + service.Name), new Claim(ClaimTypes.Role, service.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
