using System.Security.Claims;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Notifications;

/// <summary>Admins configure webhooks and see how their deliveries went (docs/notifications.md).</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").RequireRoles(Roles.Admin).WithTags("Notifications");
        api.MapGet("/webhooks", async (WebhookStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithSummary("The configured webhooks; each URL only as its origin (its path and query may hold a secret).");
        api.MapPost("/webhooks", Add)
            .WithSummary("Add a webhook: name, url (http/https), events (opened, escalated, reopened), optional severities, areas, categories (empty = all).");
        api.MapDelete("/webhooks/{id:long}", async Task<IResult> (long id, ClaimsPrincipal caller, WebhookStore store, AuditTrail audit, CancellationToken ct) =>
        {
            if (!await store.DeleteAsync(id, ct))
                return TypedResults.NotFound();
            await audit.RecordAsync(caller.Identity!.Name!, "webhook.deleted", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete a webhook and its deliveries not yet sent.");
        api.MapGet("/deliveries", Deliveries)
            .WithSummary("Deliveries, newest first: status (pending, delivered, failed), attempts, the receiver's last status code and error; filter by webhookId, incidentId, status; limit (default 100).");
        return app;
    }

    private static async Task<IResult> Add(
        WebhookRequest request, ClaimsPrincipal caller, WebhookStore store, AuditTrail audit, CityInventory city, CancellationToken ct)
    {
        var errors = request.Validate(city);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        var by = caller.Identity!.Name!;
        var id = await store.AddAsync(request, by, ct);
        // The origin only: the audit log is read by people who should not learn the webhook's secret from it.
        await audit.RecordAsync(by, "webhook.added", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { request.Name, target = WebhookStore.Origin(request.Url!), request.Events }, ct);
        return TypedResults.Created($"/api/notifications/webhooks/{id}", new { id });
    }

    private static async Task<IResult> Deliveries(
        WebhookStore store, long? webhookId, long? incidentId, string? status, int? limit, CancellationToken ct)
    {
        if (status is not null and not ("pending" or "delivered" or "failed"))
            return TypedResults.Problem($"Unknown status '{status}': use pending, delivered or failed.", statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok(await store.DeliveriesAsync(webhookId, status, incidentId, Math.Clamp(limit ?? 100, 1, 1000), ct));
    }
}
