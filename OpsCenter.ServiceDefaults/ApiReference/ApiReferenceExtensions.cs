using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using OpsCenter.Contracts.Security;
using Scalar.AspNetCore;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>
/// The service's OpenAPI document (<c>/openapi/v1.json</c>) and an interactive reference page (<c>/api-reference</c>),
/// both for admins only: the document lists every endpoint and who may call it, which is a map for an attacker too.
/// </summary>
public static class ApiReferenceExtensions
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/" + DocumentName + ".json";
    public const string PagePath = "/api-reference";

    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder, string title,
        params KeyValuePair<string, OpenApiSecurityScheme>[] signInSchemes)
    {
        var schemes = signInSchemes.ToDictionary();
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer(new SecuritySchemesDocumentTransformer(title, schemes));
            options.AddOperationTransformer(new RolesOperationTransformer([.. schemes.Keys]));
        });
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app, string title)
    {
        var adminsOnly = new AuthorizeAttribute { Roles = Roles.Admin };
        app.MapOpenApi().RequireAuthorization(adminsOnly);
        app.MapScalarApiReference(PagePath, (options, context) => options
                .WithTitle(title)
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument(DocumentName)
                // Control rooms are often offline, and the page must not tell anyone outside what we run: no fonts from
                // Scalar's CDN, no telemetry, no AI agent or MCP calls. An empty proxy URL, because left unset the
                // bundle sends "try it" requests (with the admin's token) through Scalar's proxy on the internet.
                .WithProxy(string.Empty)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                // A fresh nonce per response lets a strict Content-Security-Policy allow exactly the page's own inline script.
                .WithNonce()
                .WithPageSecurityPolicy(context))
            .RequireAuthorization(adminsOnly)
            // Scalar marks its script files as open to anyone; here they stay behind the admin sign-in like the page,
            // so the reviewed list of open endpoints does not grow.
            .Finally(endpoint =>
            {
                foreach (var open in endpoint.Metadata.OfType<IAllowAnonymous>().ToList())
                    endpoint.Metadata.Remove(open);
            });
        return app;
    }
}
