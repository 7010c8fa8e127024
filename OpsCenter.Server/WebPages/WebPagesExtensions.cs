using OpsCenter.Server.Security;

namespace OpsCenter.Server.WebPages;

/// <summary>Serves OpsCenter.Web's pages under short URLs, with security headers on every response.</summary>
public static class WebPagesExtensions
{
    private const string WebAssets = "_content/OpsCenter.Web";

    /// <summary>
    /// No inline script or style anywhere; every asset is our own (control rooms are often offline). The exceptions replace
    /// this header for their own responses: the API reference page (ReferencePagePolicy in ServiceDefaults) and the
    /// Hangfire dashboard (Jobs/JobsExtensions.cs).
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (context.Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        });
        return app;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.UseStaticFiles();
        // Pages are for people (the wall role included); service keys have no business here.
        MapPage(app, "/", "index.html", Roles.AnyPerson);
        MapPage(app, "/wall", "wall/index.html", Roles.AnyPerson);
        // The console's views are its query string (?area=…, ?device=…), so every view is this one page.
        MapPage(app, "/console", "console/index.html", Roles.ConsoleUsers);
        // The leaders' dashboard: city leaders, and admins who set it up (figures upload, reports).
        MapPage(app, "/leaders", "leaders/index.html", Roles.Leaders);
        return app;
    }

    private static void MapPage(WebApplication app, string route, string file, string roles)
    {
        app.MapGet(route, IResult (IWebHostEnvironment env) =>
        {
            var info = env.WebRootFileProvider.GetFileInfo($"{WebAssets}/{file}");
            return info.Exists && info.PhysicalPath is not null
                ? TypedResults.PhysicalFile(info.PhysicalPath, "text/html; charset=utf-8")
                : TypedResults.Problem($"The web assets are missing ({WebAssets}/{file}); build OpsCenter.Web.", statusCode: 500);
        }).ExcludeFromDescription().RequireRoles(roles);
    }
}
