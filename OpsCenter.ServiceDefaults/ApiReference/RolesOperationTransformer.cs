using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>
/// Writes each operation's roles into the document, from the same metadata the authorization middleware enforces, so the
/// reference cannot drift from the rules: a "Roles: …" line in the description, an <c>x-roles</c> list, and the
/// security schemes that sign a caller in (none for open endpoints).
/// </summary>
internal sealed class RolesOperationTransformer(IReadOnlyList<string> schemeNames) : IOpenApiOperationTransformer
{
    public const string RolesExtension = "x-roles";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var access = await EndpointAccess.ReadAsync(context.Description.ActionDescriptor.EndpointMetadata, policies);

        operation.Description = string.IsNullOrEmpty(operation.Description) ? access.Describe() : operation.Description + "\n\n" + access.Describe();
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. access.Roles.Select(r => JsonValue.Create(r))]));
        if (access.AllowsAnonymous)
            return;
        // Any one scheme signs the caller in; the roles decide the rest.
        operation.Security = [.. schemeNames.Select(name => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, context.Document)] = [] })];
    }
}
