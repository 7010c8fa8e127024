using Microsoft.AspNetCore.Http;
using Scalar.AspNetCore;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>
/// The Content-Security-Policy of the API reference page, the one page whose code is not ours: Scalar starts itself with
/// an inline module script and its bundle injects its own style elements. So scripts stay strict (files from this site
/// plus the inline script carrying this response's nonce) and only inline styles are allowed, which cannot run code.
/// <c>connect-src 'self'</c> keeps the page from calling anywhere but this service. The Server's site-wide policy
/// (no inline script or style at all) stays on every other response.
/// </summary>
internal static class ReferencePagePolicy
{
    /// <summary>Scalar makes the nonce while rendering, after this runs, so the header is set as the response starts.</summary>
    public static ScalarOptions WithPageSecurityPolicy(this ScalarOptions options, HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                context.Response.Headers.ContentSecurityPolicy = For(nonce);
            return Task.CompletedTask;
        });
        return options;
    }

    private static string For(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
