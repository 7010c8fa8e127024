using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpsCenter.ServiceDefaults.Security;

namespace OpsCenter.Server.Security;

/// <summary>
/// Three ways in, picked per request: service keys (machines), bearer tokens (API clients, from
/// <c>POST /api/auth/token</c>), and otherwise the session cookie (browsers, same origin).
/// </summary>
internal static class AuthenticationSetup
{
    public const string Selector = "OpsCenter";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = BearerTokenDefaults.AuthenticationScheme;
    public const string CookieName = "opscenter.session";
    public const string DisplayNameClaim = "display_name";

    public static void AddOpsCenterAuthentication(this IServiceCollection services, SecurityOptions settings, IConfiguration configuration)
    {
        services.AddSharedKeyRing(configuration);

        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "cookie, bearer token or service key", o => o.ForwardDefaultSelector = SchemeFor)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Lax: not sent on cross-site POSTs, WebSocket handshakes or fetches, still sent when following a link.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(settings.SessionHours);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(settings.BearerTokenMinutes);
                // Browsers cannot put headers on a WebSocket handshake: SignalR clients send the token as a query value.
                o.Events.OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.TryGetValue("access_token", out var token))
                        context.Token = token;
                    return Task.CompletedTask;
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ServiceKeyAuthenticationHandler>(ServiceKeyAuthenticationHandler.SchemeName, null);
    }

    /// <summary>Pages redirect to the login page; APIs, hubs and metrics answer with a status code a program can act on.</summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (status == StatusCodes.Status401Unauthorized && !IsForPrograms(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status403Forbidden && !IsForPrograms(context.Request))
        {
            // A person who opens a page their role does not include (a leader typing /console) reads why, instead of
            // the browser's blank error page.
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(
                "403 — Trang này không dành cho vai trò của bạn. / This page is not available to your role.\n", context.HttpContext.RequestAborted);
        }
        return Task.CompletedTask;
    }

    public static bool IsForPrograms(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments(ServiceEndpointsRequirement.MetricsPath)
        || request.Path.StartsWithSegments("/openapi");

    private static string SchemeFor(HttpContext context)
    {
        var request = context.Request;
        if (ServiceKeyAuthenticationHandler.ReadKey(request) is not null)
            return ServiceKeyAuthenticationHandler.SchemeName;
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token")))
            return BearerScheme;
        return CookieScheme;
    }

    public static ClaimsPrincipal PrincipalFor(UserAccount user, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.Username),
        new Claim(ClaimTypes.Role, user.Role),
        new Claim(DisplayNameClaim, user.DisplayName),
    ], scheme));
}
