using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace OpsCenter.ServiceDefaults.ApiReference;

/// <summary>Who may call an endpoint, read from its authorization metadata the way the authorization middleware reads it.</summary>
public sealed record EndpointAccess(bool AllowsAnonymous, IReadOnlyList<string> Roles, bool ByFallbackPolicy)
{
    public static async Task<EndpointAccess> ReadAsync(IEnumerable<object> metadata, IAuthorizationPolicyProvider policies)
    {
        if (metadata.OfType<IAllowAnonymous>().Any())
            return new EndpointAccess(true, [], false);

        // The same combination the middleware makes: every [Authorize] item and policy must pass.
        var combined = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>().ToList(), metadata.OfType<AuthorizationPolicy>().ToList());
        var byFallback = combined is null;
        var policy = combined ?? await policies.GetFallbackPolicyAsync();
        return new EndpointAccess(false, RolesOf(policy), byFallback);
    }

    /// <summary>Several role requirements all apply, so only the roles every one of them names get through.</summary>
    private static List<string> RolesOf(AuthorizationPolicy? policy)
    {
        IEnumerable<string>? allowed = null;
        foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
            allowed = allowed is null ? requirement.AllowedRoles : allowed.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        return allowed?.Distinct(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>One line for a reader of the reference: "Roles: operator, admin".</summary>
    public string Describe() => this switch
    {
        { AllowsAnonymous: true } => "Roles: none needed (open to anonymous callers).",
        { Roles.Count: > 0 } => "Roles: " + string.Join(", ", Roles) + ".",
        { ByFallbackPolicy: true } => "Roles: any signed-in caller (the service's fallback policy).",
        _ => "Roles: any signed-in caller.",
    };
}
