using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Security;

/// <summary>
/// The login page and form (cookie session, antiforgery-protected), the token endpoint for API clients, and the
/// caller's own identity.
/// </summary>
public static class LoginEndpoints
{
    public const string LoginPath = "/login";
    private const string LoginPage = "_content/OpsCenter.Web/login/index.html";

    public sealed record TokenRequest(string? Username, string? Password);

    public sealed record Me(string Username, string DisplayName, string Role);

    public static bool IsFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, ShowLoginPage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(LoginPath, SubmitLoginForm).AllowAnonymous().ExcludeFromDescription();

        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("Exchange a username and password for a bearer token (1 h; 423 while the account is locked).");
        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
            user.Identity!.Name!, user.FindFirstValue(AuthenticationSetup.DisplayNameClaim) ?? "", user.FindFirstValue(ClaimTypes.Role) ?? "")))
            .RequireRoles(Roles.AnyPerson).WithSummary("The signed-in caller: username, display name, role.");
        auth.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(AuthenticationSetup.CookieScheme);
            return TypedResults.NoContent();
        }).RequireRoles(Roles.AnyPerson).WithSummary("End the browser session (the cookie).");
        return app;
    }

    /// <summary>The static page with this request's antiforgery token, return URL and error filled in (all encoded).</summary>
    private static IResult ShowLoginPage(HttpContext context, IWebHostEnvironment env, IAntiforgery antiforgery, string? returnUrl, string? error)
    {
        var file = env.WebRootFileProvider.GetFileInfo(LoginPage);
        if (!file.Exists)
            return TypedResults.Problem($"The web assets are missing ({LoginPage}); build OpsCenter.Web.", statusCode: 500);
        using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = reader.ReadToEnd()
            .Replace("{{csrf}}", HtmlEncoder.Default.Encode(tokens.RequestToken ?? ""), StringComparison.Ordinal)
            .Replace("{{returnUrl}}", HtmlEncoder.Default.Encode(SafeReturnUrl(returnUrl) ?? ""), StringComparison.Ordinal)
            .Replace("{{error}}", error is "invalid" or "locked" or "expired" ? error : "", StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> SubmitLoginForm(HttpContext context, IAntiforgery antiforgery, PasswordSignIn signIn, IOptions<SecurityOptions> options)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return BackToLogin("expired", returnUrl);
        }

        var result = await signIn.CheckAsync(form["username"], form["password"], context.RequestAborted);
        if (result.Outcome != SignInOutcome.Succeeded)
            return BackToLogin(result.Outcome == SignInOutcome.LockedOut ? "locked" : "invalid", returnUrl);

        var user = result.User!;
        var settings = options.Value;
        var lifetime = user.Role == Roles.Wall ? TimeSpan.FromDays(settings.WallSessionDays) : TimeSpan.FromHours(settings.SessionHours);
        await context.SignInAsync(AuthenticationSetup.CookieScheme, AuthenticationSetup.PrincipalFor(user, AuthenticationSetup.CookieScheme),
            new AuthenticationProperties { IsPersistent = true, AllowRefresh = true, ExpiresUtc = DateTimeOffset.UtcNow + lifetime });
        return TypedResults.Redirect(returnUrl ?? (user.Role == Roles.Wall ? "/wall" : "/"));
    }

    private static async Task<IResult> IssueToken(TokenRequest request, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        var result = await signIn.CheckAsync(request.Username, request.Password, cancellationToken);
        return result.Outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.SignIn(
                AuthenticationSetup.PrincipalFor(result.User!, AuthenticationSetup.BearerScheme), authenticationScheme: AuthenticationSetup.BearerScheme),
            SignInOutcome.LockedOut => TypedResults.Problem("Account locked after repeated wrong passwords; try again later.", statusCode: StatusCodes.Status423Locked),
            _ => TypedResults.Problem("Wrong username or password.", statusCode: StatusCodes.Status401Unauthorized),
        };
    }

    private static RedirectHttpResult BackToLogin(string error, string? returnUrl) =>
        TypedResults.Redirect($"{LoginPath}?error={error}" + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));

    /// <summary>Only paths on this site: "/wall" yes, "//evil.example" or "https://evil.example" no (open redirect).</summary>
    public static string? SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 512 && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl)
            ? url
            : null;
}
