using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using OpsCenter.Contracts.Security;
using OpsCenter.ServiceDefaults.Security;

namespace OpsCenter.Ingest.Security;

/// <summary>
/// The Ingest API accepts the bearer tokens the Server issues (<c>POST /api/auth/token</c> there). Both services read
/// the same data-protection key ring (<c>Security:KeyRingPath</c>) under the same application name, so a token one
/// signs the other can check; without a shared key ring no token is valid here and the API answers 401 to everyone.
/// <c>/health</c> and <c>/alive</c> stay open for supervisors; <c>/metrics</c> is for admins.
/// </summary>
public static class IngestSecurity
{
    private static readonly string[] OpenPaths = ["/health", "/alive"];

    public static IHostApplicationBuilder AddIngestSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSharedKeyRing(builder.Configuration);
        builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAssertion(context =>
            {
                var path = (context.Resource as HttpContext)?.Request.Path ?? PathString.Empty;
                if (OpenPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)))
                    return true;
                return path.StartsWithSegments("/metrics") ? context.User.IsInRole(Roles.Admin) : context.User.Identity?.IsAuthenticated == true;
            }).Build());
        return builder;
    }

    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
}
