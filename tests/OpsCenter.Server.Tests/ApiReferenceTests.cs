using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests;

/// <summary>
/// The OpenAPI document describes every REST endpoint the Server maps, with the roles each needs, and it and the
/// reference page are for admins only; the page loads nothing from outside.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class ApiReferenceTests(ServerFixture server)
{
    private const string DocumentPath = "/openapi/v1.json";
    private const string PagePath = "/api-reference/";

    /// <summary>Mapped with HTTP methods but not part of the REST API. Adding to this list hides an endpoint from the reference.</summary>
    private static readonly HashSet<string> NotRestEndpoints =
    [
        "GET /", "GET /wall", "GET /console", "GET /leaders", "GET /login", "POST /login", // pages for browsers
        "POST /hubs/live/negotiate", // SignalR hub (its contract is ILiveClient, docs/realtime-api.md)
        "GET /openapi/{documentName}.json", // the document itself
        "GET /api-reference/{documentName}", "GET /api-reference/scalar.js", "GET /api-reference/scalar.aspnetcore.js",
        "GET /api-reference/favicon.svg", // the reference page and its files
    ];

    /// <summary>Health and metrics endpoints are for supervisors and scrapers, described in docs/architecture.md.</summary>
    private static readonly string[] ServicePaths = [" /health", " /alive", " /metrics"];

    [Fact]
    public async Task Document_lists_every_mapped_REST_endpoint()
    {
        var mapped = RestEndpoints();
        var documented = OpenApiDocumentReader.DocumentedOperations(await DocumentAsync());

        Assert.True(mapped.Count >= 12, $"only {mapped.Count} REST endpoints found: {string.Join("; ", mapped.Keys)}");
        Assert.Equal(mapped.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_names_the_roles_its_endpoint_requires()
    {
        var documented = OpenApiDocumentReader.DocumentedOperations(await DocumentAsync());
        var wrong = RestEndpoints()
            .Where(e => OpenApiDocumentReader.Sorted(documented.GetValueOrDefault(e.Key, ["(missing)"])) != OpenApiDocumentReader.Sorted(e.Value))
            .Select(e => $"{e.Key}: endpoint {string.Join(",", e.Value)}, document {string.Join(",", documented.GetValueOrDefault(e.Key, ["(missing)"]))}")
            .ToList();
        Assert.Empty(wrong);
        Assert.Equal(["admin"], documented["POST /api/service-keys"]);
        Assert.Equal([], documented["POST /api/auth/token"]);
    }

    [Fact]
    public async Task Operations_say_their_roles_in_words_and_name_the_sign_in_schemes()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(s => s.Name).Order().ToList();
        Assert.Equal(["bearer", "cookie", "serviceKey"], schemes);
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("serviceKey").GetProperty("name").GetString());

        var contact = document.GetProperty("paths").GetProperty("/api/reports/{reportId}/contact").GetProperty("get");
        Assert.Contains("Roles: operator, admin.", contact.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, contact.GetProperty("security").GetArrayLength());
        Assert.Equal("Citizen reports", contact.GetProperty("tags")[0].GetString());

        var token = document.GetProperty("paths").GetProperty("/api/auth/token").GetProperty("post");
        Assert.False(token.TryGetProperty("security", out _), "the token endpoint is open and needs no sign-in scheme");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_for_the_document_and_the_login_page_for_the_reference()
    {
        using var client = server.Client();
        using var document = await client.GetAsync(DocumentPath);
        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        using var page = await client.GetAsync(PagePath);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Everyone_but_admins_gets_403_for_the_document_and_the_reference()
    {
        var failures = new List<string>();
        foreach (var role in Roles.All.Where(r => r != Roles.Admin))
        {
            using var client = server.ClientAs(role);
            foreach (var path in new[] { DocumentPath, PagePath, PagePath + "scalar.js" })
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{path} as {role}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Admins_get_a_reference_page_that_loads_nothing_from_outside()
    {
        using var client = server.ClientAs(Roles.Admin);
        using var page = await client.GetAsync(PagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var helper = await client.GetStringAsync(PagePath + "scalar.aspnetcore.js");
        using var bundle = await client.GetAsync(PagePath + "scalar.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);

        Assert.Empty(ExternalUrl().Matches(html).Select(m => m.Value));
        Assert.Empty(ExternalUrl().Matches(helper).Select(m => m.Value));
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        // Left unset, Scalar's bundle would send "try it" requests through its proxy on the internet.
        Assert.Contains("\"proxyUrl\":\"\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reference_page_allows_only_its_own_nonced_inline_script()
    {
        using var client = server.ClientAs(Roles.Admin);
        using var page = await client.GetAsync(PagePath);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var html = await page.Content.ReadAsStringAsync();

        var nonce = Regex.Match(csp, "script-src 'self' 'nonce-([^']+)';").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);

        // Everywhere else the site-wide policy stays: no inline style either.
        using var me = await client.GetAsync("/api/auth/me");
        Assert.DoesNotContain("unsafe-inline", me.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private Dictionary<string, string[]> RestEndpoints() =>
        OpenApiDocumentReader.MappedEndpoints(server.Factory.Services.GetRequiredService<EndpointDataSource>())
            .Where(e => !NotRestEndpoints.Contains(e.Key) && !ServicePaths.Any(p => e.Key.EndsWith(p, StringComparison.Ordinal)))
            .ToDictionary();

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = server.ClientAs(Roles.Admin);
        var text = await client.GetStringAsync(DocumentPath);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"https?://[^\s""'<>)]+", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
