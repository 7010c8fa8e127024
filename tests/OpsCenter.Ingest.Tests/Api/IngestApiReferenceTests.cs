using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Contracts.Security;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.Api;

/// <summary>Ingest's OpenAPI document describes every REST endpoint it maps with its roles, for admins only.</summary>
public sealed class IngestApiReferenceTests(IngestApiFixture ingest) : IClassFixture<IngestApiFixture>
{
    private const string DocumentPath = "/openapi/v1.json";
    private const string PagePath = "/api-reference/";

    /// <summary>Mapped with HTTP methods but not part of the REST API. Adding to this list hides an endpoint from the reference.</summary>
    private static readonly HashSet<string> NotRestEndpoints =
    [
        "GET /openapi/{documentName}.json", // the document itself
        "GET /api-reference/{documentName}", "GET /api-reference/scalar.js", "GET /api-reference/scalar.aspnetcore.js",
        "GET /api-reference/favicon.svg", // the reference page and its files
    ];

    /// <summary>Health and metrics endpoints are for supervisors and scrapers, described in docs/architecture.md.</summary>
    private static readonly string[] ServicePaths = [" /health", " /alive", " /metrics"];

    [Fact]
    public async Task Document_lists_every_mapped_REST_endpoint_with_its_roles()
    {
        var mapped = OpenApiDocumentReader.MappedEndpoints(ingest.Factory.Services.GetRequiredService<EndpointDataSource>())
            .Where(e => !NotRestEndpoints.Contains(e.Key) && !ServicePaths.Any(p => e.Key.EndsWith(p, StringComparison.Ordinal)))
            .ToDictionary();
        using var admin = ingest.ClientAs(Roles.Admin);
        using var document = JsonDocument.Parse(await admin.GetStringAsync(DocumentPath));
        var documented = OpenApiDocumentReader.DocumentedOperations(document.RootElement);

        Assert.True(mapped.Count >= 5, $"only {mapped.Count} REST endpoints found: {string.Join("; ", mapped.Keys)}");
        Assert.Equal(mapped.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, roles) in mapped)
            Assert.True(OpenApiDocumentReader.Sorted(roles) == OpenApiDocumentReader.Sorted(documented[key]),
                $"{key}: endpoint {string.Join(",", roles)}, document {string.Join(",", documented[key])}");
        Assert.Equal(["admin"], documented["PUT /api/devices/{id}"]);
        Assert.Equal(["bearer"], document.RootElement.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().Select(s => s.Name));
    }

    [Fact]
    public async Task Only_admins_get_the_document_and_the_reference_page()
    {
        using var anonymous = ingest.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(DocumentPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(PagePath)).StatusCode);
        foreach (var role in new[] { Roles.Operator, Roles.Leader, Roles.Wall })
        {
            using var client = ingest.ClientAs(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(DocumentPath)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PagePath)).StatusCode);
        }
        using var admin = ingest.ClientAs(Roles.Admin);
        using var page = await admin.GetAsync(PagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"proxyUrl\":\"\"", html, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
