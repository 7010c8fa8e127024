using System.Security.Claims;

namespace OpsCenter.Server.Security;

/// <summary>Administrators issue and revoke keys for machine clients (the citizens' app backend, a metrics scraper).</summary>
public static class ServiceKeysApi
{
    public sealed record CreateServiceKey(string? Name, string? Role);

    public sealed record IssuedServiceKey(ServiceKeyView ServiceKey, string Key);

    public static IEndpointRouteBuilder MapServiceKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/service-keys").RequireRoles(Roles.Admin).WithTags("Service keys");
        api.MapGet("/", async (ServiceKeyStore keys, CancellationToken ct) => TypedResults.Ok(await keys.ListAsync(ct)))
            .WithSummary("List service keys (never the keys themselves).");
        api.MapPost("/", Create).WithSummary("Issue a key for a machine (role: reporter, monitor or department); the key is shown only in this answer.");
        api.MapDelete("/{id:long}", async Task<IResult> (long id, ClaimsPrincipal caller, ServiceKeyStore keys, AuditTrail audit, CancellationToken ct) =>
        {
            if (!await keys.RevokeAsync(id, ct))
                return TypedResults.NotFound();
            await audit.RecordAsync(caller.Identity!.Name!, "service-key.revoked", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke a service key.");
        return app;
    }

    private static async Task<IResult> Create(CreateServiceKey request, ClaimsPrincipal caller, ServiceKeyStore keys, AuditTrail audit, CancellationToken ct)
    {
        if (!UsersApi.IsValidUsername(request.Name) || request.Role is null || !Roles.Services.Contains(request.Role))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["serviceKey"] = [$"name: 3-64 characters of a-z 0-9 . _ -; role: one of {string.Join(", ", Roles.Services)}"],
            });
        var created = await keys.CreateAsync(request.Name!, request.Role, caller.Identity!.Name!, ct);
        if (created is not { } issued)
            return TypedResults.Problem($"A service key named '{request.Name}' exists already.", statusCode: StatusCodes.Status409Conflict);
        await audit.RecordAsync(caller.Identity!.Name!, "service-key.created", issued.View.Name, new { role = issued.View.Role }, ct);
        // The only time the key is ever shown: it is not stored.
        return TypedResults.Created($"/api/service-keys/{issued.View.Id}", new IssuedServiceKey(issued.View, issued.Key));
    }
}
