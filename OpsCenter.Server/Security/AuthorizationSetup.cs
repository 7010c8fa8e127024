using Microsoft.AspNetCore.Authorization;

namespace OpsCenter.Server.Security;

/// <summary>
/// Everything requires a signed-in caller unless it says otherwise. Each feature endpoint names its roles with
/// <see cref="RequireRoles"/>; the fallback policy covers what has no metadata of its own, which is only the shared
/// service endpoints mapped outside this project.
/// </summary>
internal static class AuthorizationSetup
{
    public static void AddOpsCenterAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ServiceEndpointsHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new ServiceEndpointsRequirement()).Build());
    }

    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, string roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute { Roles = roles });
}

/// <summary>
/// <c>/health</c> and <c>/alive</c> are open (load balancers and supervisors carry no credentials), <c>/metrics</c>
/// is for admins and monitor keys, anything else needs a signed-in caller.
/// </summary>
public sealed class ServiceEndpointsRequirement : IAuthorizationRequirement
{
    public static readonly IReadOnlyList<string> OpenPaths = ["/health", "/alive"];
    public const string MetricsPath = "/metrics";
}

internal sealed class ServiceEndpointsHandler : AuthorizationHandler<ServiceEndpointsRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ServiceEndpointsRequirement requirement)
    {
        var path = (context.Resource as HttpContext)?.Request.Path ?? PathString.Empty;
        var user = context.User;
        var allowed = ServiceEndpointsRequirement.OpenPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase))
            || (path.StartsWithSegments(ServiceEndpointsRequirement.MetricsPath)
                ? user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Monitor)
                : user.Identity?.IsAuthenticated == true);
        if (allowed)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
