using System.Security.Claims;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Incidents;

/// <summary>Maintenance windows: operators and admins silence a device or an area for a time, list and end windows.</summary>
public static class MaintenanceWindowsApi
{
    public static IEndpointRouteBuilder MapMaintenanceWindowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/maintenance-windows").WithTags("Incidents");
        api.MapPost("/", Create).RequireRoles(Roles.IncidentWorkers)
            .WithSummary("Silence a device or an area ({scope: device|area, targetId, startsAt?, endsAt, reason}): signals are still recorded, not shown as active.");
        api.MapGet("/", async (MaintenanceWindowStore store, TimeProvider clock, bool? includeEnded, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await store.ListAsync(includeEnded ?? false, clock.GetUtcNow(), Math.Clamp(limit ?? 100, 1, 1000), ct)))
            .RequireRoles(Roles.IncidentWorkers)
            .WithSummary("Current and planned maintenance windows (includeEnded=true: past ones too), newest first.");
        api.MapPost("/{id:long}/end", async Task<IResult> (long id, ClaimsPrincipal caller, MaintenanceWindowStore store, TimeProvider clock, CancellationToken ct) =>
                await store.EndAsync(id, caller.Identity!.Name!, clock.GetUtcNow(), ct) is { } ended ? TypedResults.Ok(ended) : TypedResults.NotFound())
            .RequireRoles(Roles.IncidentWorkers)
            .WithSummary("End a maintenance window now; 404 when there is none or it is over already.");
        return app;
    }

    private static async Task<IResult> Create(
        MaintenanceWindowRequest request, ClaimsPrincipal caller, MaintenanceWindowStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = request.Check(now);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var window = await store.AddAsync(request, caller.Identity!.Name!, now, ct);
        return TypedResults.Created($"/api/maintenance-windows/{window.Id}", window);
    }
}
