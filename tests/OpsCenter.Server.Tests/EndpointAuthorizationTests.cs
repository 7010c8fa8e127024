using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Wall;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Tests;

/// <summary>
/// Walks every endpoint the Server maps, so that a new endpoint is covered the day it is added: anonymous callers get
/// 401 (pages: a redirect to the login page), every role it does not name gets 403, and only a reviewed list is open.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class EndpointAuthorizationTests(ServerFixture server)
{
    /// <summary>The only endpoints anyone may call. Adding to this list is a security decision.</summary>
    private static readonly HashSet<string> Open = ["GET /login", "POST /login", "POST /api/auth/token", "GET /health", "GET /alive"];

    /// <summary>Endpoints mapped outside this project, covered by the fallback policy's path rules.</summary>
    private static readonly Dictionary<string, string[]> FallbackRoles = new() { ["GET /metrics"] = [Roles.Admin, Roles.Monitor] };

    public sealed record Target(string Key, string Method, string Path, string[]? Roles, bool AllowsAnonymous);

    [Fact]
    public void Only_the_reviewed_endpoints_allow_anonymous_callers()
    {
        var open = Targets().Where(t => t.AllowsAnonymous || Open.Contains(t.Key)).Select(t => t.Key).ToHashSet();
        Assert.Equal(Open.Order(), open.Order());
    }

    [Fact]
    public void Every_protected_endpoint_names_its_roles()
    {
        var unnamed = Targets().Where(t => !Open.Contains(t.Key) && t.Roles is null).Select(t => t.Key).ToList();
        Assert.Empty(unnamed);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_or_the_login_page()
    {
        using var client = server.Client();
        var failures = new List<string>();
        foreach (var target in Targets().Where(t => !Open.Contains(t.Key)))
        {
            using var response = await client.SendAsync(Request(target));
            // By path segment, as the Server decides: "/api-reference" is a page, "/api/..." is not.
            var path = new PathString(target.Path);
            var isPage = !new[] { "/api", "/hubs", "/openapi", "/metrics" }.Any(prefix => path.StartsWithSegments(prefix));
            var ok = isPage
                ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/login" && response.Headers.Location.Query.StartsWith("?returnUrl=", StringComparison.Ordinal)
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok)
                failures.Add($"{target.Key}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_role_an_endpoint_does_not_name_gets_403()
    {
        var failures = new List<string>();
        var checkedPairs = 0;
        foreach (var target in Targets().Where(t => t.Roles is not null))
        {
            foreach (var role in Roles.All.Except(target.Roles!))
            {
                using var client = server.ClientAs(role);
                using var response = await client.SendAsync(Request(target));
                checkedPairs++;
                if (response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{target.Key} as {role}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
        Assert.True(checkedPairs > 20, $"only {checkedPairs} endpoint/role pairs were checked");
    }

    [Fact]
    public async Task Roles_an_endpoint_names_get_past_authorization()
    {
        var failures = new List<string>();
        foreach (var target in Targets().Where(t => t.Roles is not null && t.Method == "GET" && !t.Path.StartsWith("/hubs", StringComparison.Ordinal)))
        {
            foreach (var role in target.Roles!)
            {
                using var client = server.ClientAs(role);
                using var response = await client.SendAsync(Request(target));
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    failures.Add($"{target.Key} as {role}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_hub_and_hub_method_declares_its_roles()
    {
        var hubs = typeof(OpsCenter.Server.Live.LiveHub).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.SignalR.Hub)) || IsTypedHub(t)).ToList();
        Assert.NotEmpty(hubs);
        foreach (var hub in hubs)
        {
            var hubRoles = hub.GetCustomAttribute<AuthorizeAttribute>()?.Roles;
            Assert.False(string.IsNullOrEmpty(hubRoles), $"{hub.Name} has no [Authorize(Roles = ...)]");
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                var roles = method.GetCustomAttribute<AuthorizeAttribute>()?.Roles ?? hubRoles;
                Assert.False(method.GetCustomAttribute<AllowAnonymousAttribute>() is not null, $"{hub.Name}.{method.Name} allows anonymous callers");
                Assert.False(string.IsNullOrEmpty(roles), $"{hub.Name}.{method.Name} names no roles");
            }
        }
    }

    private static bool IsTypedHub(Type t) =>
        t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Microsoft.AspNetCore.SignalR.Hub<>);

    private IEnumerable<Target> Targets()
    {
        var endpoints = server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + ParameterPattern().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "1");
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            foreach (var method in methods.Where(m => m != "OPTIONS"))
            {
                var key = $"{method} {path.TrimEnd('/') switch { "" => "/", var p => p }}";
                var roles = authorize.Count > 0
                    ? authorize.Select(a => a.Roles).OfType<string>().SelectMany(r => r.Split(',')).Distinct().ToArray()
                    : FallbackRoles.GetValueOrDefault(key);
                yield return new Target(key, method, key[(method.Length + 1)..], roles is { Length: > 0 } ? roles : null,
                    endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
            }
        }
    }

    private static HttpRequestMessage Request(Target target)
    {
        var request = new HttpRequestMessage(new HttpMethod(target.Method), target.Path);
        if (target.Method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        return request;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterPattern();
}
