using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>Names the document and lists the ways a caller signs in to this service.</summary>
internal sealed class SecuritySchemesDocumentTransformer(string title, IReadOnlyDictionary<string, OpenApiSecurityScheme> schemes) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = title;
        document.Info.Description = "Every operation names the roles it needs (description and x-roles). " +
            "Sign in with any of the security schemes below; a caller without one of the roles gets 403.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in schemes)
            document.Components.SecuritySchemes[name] = scheme;
        return Task.CompletedTask;
    }
}
