using Hangfire.Dashboard;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Jobs;

/// <summary>
/// Hangfire's own check for its dashboard (its default admits local requests only): a signed-in person with the admin
/// role. Service keys never, whatever their role: the dashboard can delete and trigger jobs, which is a person's call.
/// The endpoint also requires the admin role, so this is the second lock on the same door.
/// </summary>
internal sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity is { IsAuthenticated: true, AuthenticationType: not ServiceKeyAuthenticationHandler.SchemeName }
            && user.IsInRole(Roles.Admin);
    }
}
