using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpsCenter.Tests.Shared;

/// <summary>
/// What a service maps and what its OpenAPI document says, both as "METHOD /path/{param}" keys with the roles each
/// needs, so a test can compare the two. Roles come straight from the endpoint's <see cref="IAuthorizeData"/>, not
/// from the code that writes the document.
/// </summary>
public static partial class OpenApiDocumentReader
{
    private static readonly string[] OperationMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    /// <summary>Every route endpoint that answers named HTTP methods, with the roles its metadata demands (none if open).</summary>
    public static Dictionary<string, string[]> MappedEndpoints(EndpointDataSource source)
    {
        var mapped = new Dictionary<string, string[]>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
                continue;
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            // Every [Authorize] item must pass, so only roles that all of them name get through.
            var roles = open ? [] : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .Where(a => a.Roles is not null)
                .Select(a => a.Roles!.Split(','))
                .Aggregate((IEnumerable<string>?)null, (all, these) => all is null ? these : all.Intersect(these))?
                .ToArray() ?? [];
            foreach (var method in methods.HttpMethods.Where(m => m != "OPTIONS"))
                mapped[Key(method, endpoint.RoutePattern.RawText!)] = roles;
        }
        return mapped;
    }

    /// <summary>Every operation of an OpenAPI document with its <c>x-roles</c>.</summary>
    public static Dictionary<string, string[]> DocumentedOperations(JsonElement document)
    {
        var documented = new Dictionary<string, string[]>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => OperationMethods.Contains(o.Name)))
            {
                var roles = operation.Value.TryGetProperty("x-roles", out var list) ? list.EnumerateArray().Select(r => r.GetString()!).ToArray() : null;
                documented[Key(operation.Name.ToUpperInvariant(), path.Name)] = roles ?? ["(no x-roles)"];
            }
        }
        return documented;
    }

    /// <summary>"GET /api/service-keys/{id}" whether the route said "{id:long}" or "/api/users/" had a trailing slash.</summary>
    public static string Key(string method, string route)
    {
        var path = "/" + Constraint().Replace(route.Trim('/'), "{${name}}");
        return $"{method} {path}";
    }

    /// <summary>Roles as a comparable text: order and duplicates do not matter.</summary>
    public static string Sorted(IEnumerable<string> roles) => string.Join(",", roles.Distinct().Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Constraint();
}
