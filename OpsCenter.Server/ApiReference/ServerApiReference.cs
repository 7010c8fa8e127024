using OpsCenter.Server.Security;
using OpsCenter.ServiceDefaults.ApiReference;

namespace OpsCenter.Server.ApiReference;

/// <summary>The Server's OpenAPI document and reference page, with the three ways its callers sign in.</summary>
public static class ServerApiReference
{
    private const string Title = "OpsCenter Server API";

    public static IHostApplicationBuilder AddServerApiReference(this IHostApplicationBuilder builder) =>
        builder.AddApiReference(Title,
            ApiSecuritySchemes.Bearer("POST /api/auth/token"),
            ApiSecuritySchemes.SessionCookie(AuthenticationSetup.CookieName),
            ApiSecuritySchemes.ServiceKey(ServiceKeyAuthenticationHandler.HeaderName));

    public static WebApplication MapServerApiReference(this WebApplication app) => app.MapApiReference(Title);
}
