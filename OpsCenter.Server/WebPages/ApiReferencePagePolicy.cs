using OpsCenter.ServiceDefaults.ApiReference;
using Scalar.AspNetCore;

namespace OpsCenter.Server.WebPages;

/// <summary>
/// The Content-Security-Policy of the API reference page, the one page that is not ours: Scalar starts itself with an
/// inline module script and its components inject their own style elements. Scripts stay strict (files from this site
/// and the one inline script carrying this response's nonce); only inline styles are allowed, which cannot run code.
/// Everything else, including where the page may connect, is the site-wide policy.
/// </summary>
internal static class ApiReferencePagePolicy
{
    public static bool Covers(PathString path) => path.StartsWithSegments(ApiReferenceExtensions.PagePath);

    /// <summary>The nonce exists only once Scalar's endpoint has rendered the page, so the header is set as it starts.</summary>
    public static void ApplyWhenStarting(HttpContext context) => context.Response.OnStarting(() =>
    {
        if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
            context.Response.Headers.ContentSecurityPolicy = For(nonce);
        return Task.CompletedTask;
    });

    private static string For(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
