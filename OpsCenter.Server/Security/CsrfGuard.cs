namespace OpsCenter.Server.Security;

/// <summary>
/// Cross-site request forgery defence for the cookie session. The cookie is SameSite=Lax, and on top of that every
/// state-changing call that relies on the cookie must carry <c>X-Requested-With</c>: a custom header that a foreign
/// page cannot add without a CORS preflight, which this server never grants. SignalR's browser client and our pages'
/// fetch calls send it. The login form is a plain form post and is covered by an antiforgery token instead.
/// Calls with a bearer token or service key are not affected: browsers never attach those on their own.
/// </summary>
internal sealed class CsrfGuard(RequestDelegate next)
{
    public const string HeaderName = "X-Requested-With";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsSafe(request.Method) || LoginEndpoints.IsFormPost(request) || !request.Cookies.ContainsKey(AuthenticationSetup.CookieName))
            return next(context);
        if (request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(ServiceKeyAuthenticationHandler.HeaderName))
            return next(context);
        if (!string.IsNullOrEmpty(request.Headers[HeaderName]))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new { title = "Missing X-Requested-With header (cross-site request protection)." });
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
