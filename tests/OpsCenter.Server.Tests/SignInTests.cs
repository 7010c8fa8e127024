using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Tests;

/// <summary>Password sign-in: lockout, the login form's CSRF token, the session cookie and its CSRF header rule.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class SignInTests(ServerFixture server)
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var username = await CreateUserAsync(Roles.Operator);
        using var client = server.Client();
        for (var i = 1; i <= 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, username, "wrong password " + i)).StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await Token(client, username, "wrong password 5")).StatusCode);
        Assert.Equal(HttpStatusCode.Locked, (await Token(client, username, ServerFixture.UserPassword)).StatusCode);
    }

    [Fact]
    public async Task Fewer_wrong_passwords_than_the_threshold_do_not_lock_and_success_resets_the_count()
    {
        var username = await CreateUserAsync(Roles.Leader);
        using var client = server.Client();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await Token(client, username, "nope")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Token(client, username, ServerFixture.UserPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_users_and_wrong_passwords_get_the_same_answer()
    {
        using var client = server.Client();
        var unknown = await Token(client, "nobody-here", "whatever it is");
        var wrong = await Token(client, ServerFixture.AdminName.ToUpperInvariant(), "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await Detail(unknown), await Detail(wrong));
    }

    [Fact]
    public async Task Login_form_without_its_antiforgery_token_is_refused()
    {
        using var client = server.Client();
        using var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = ServerFixture.AdminName, ["password"] = ServerFixture.AdminPassword, ["returnUrl"] = "/wall",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?error=expired", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(AuthenticationSetup.CookieName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_form_signs_a_wall_in_for_30_days_and_the_cookie_opens_the_wall_page()
    {
        var session = await SignInWithFormAsync($"test-{Roles.Wall}", ServerFixture.UserPassword, "/wall");
        Assert.Equal("/wall", session.Location);
        Assert.Contains("httponly", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session.SetCookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(ExpiresPattern().Match(session.SetCookie).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(31));

        using var client = server.Client();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/wall");
        page.Headers.Add("Cookie", session.Cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Login_form_refuses_to_redirect_off_site()
    {
        var session = await SignInWithFormAsync($"test-{Roles.Operator}", ServerFixture.UserPassword, "//evil.example/phish");
        Assert.Equal("/", session.Location);
    }

    [Fact]
    public async Task Cookie_session_state_changes_need_the_X_Requested_With_header()
    {
        var session = await SignInWithFormAsync(ServerFixture.AdminName, ServerFixture.AdminPassword, "/");
        using var client = server.Client();
        var body = new { username = "csrf-victim", displayName = "x", role = Roles.Leader, password = ServerFixture.UserPassword };

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(body) };
        forged.Headers.Add("Cookie", session.Cookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(forged)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(body) };
        own.Headers.Add("Cookie", session.Cookie);
        own.Headers.Add(CsrfGuard.HeaderName, "XMLHttpRequest");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Login_page_is_served_with_security_headers_and_no_inline_script()
    {
        using var client = server.Client();
        using var response = await client.GetAsync("/login?returnUrl=%2Fwall%22%3E%3Cscript%3E");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.Matches("name=\"__RequestVerificationToken\" value=\"[^\"]{20,}\"", html);
        // The login page's own assets are public; the wall's are not.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/_content/OpsCenter.Web/login/login.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/_content/OpsCenter.Web/wall/wall.js")).StatusCode);
    }

    public sealed record FormSession(string Cookie, string SetCookie, string Location);

    private Task<FormSession> SignInWithFormAsync(string username, string password, string returnUrl) =>
        SignInWithFormAsync(server, username, password, returnUrl);

    /// <summary>Signs in through the login form, as a browser does; the session cookie comes back.</summary>
    internal static async Task<FormSession> SignInWithFormAsync(ServerFixture server, string username, string password, string returnUrl)
    {
        using var client = server.Client();
        using var page = await client.GetAsync("/login");
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["username"] = username, ["password"] = password, ["returnUrl"] = returnUrl,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthenticationSetup.CookieName, StringComparison.Ordinal));
        return new FormSession(setCookie.Split(';')[0], setCookie, response.Headers.Location!.OriginalString);
    }

    private async Task<string> CreateUserAsync(string role)
    {
        var username = $"u{Guid.NewGuid():N}"[..20];
        using var admin = server.ClientAs(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/users", new { username, displayName = "Lockout test", role, password = ServerFixture.UserPassword })).EnsureSuccessStatusCode();
        return username;
    }

    private static async Task<string> Detail(HttpResponseMessage response) =>
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    private static Task<HttpResponseMessage> Token(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { username, password });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("expires=([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ExpiresPattern();
}
