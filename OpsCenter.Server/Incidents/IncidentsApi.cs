using System.Security.Claims;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// Incidents for the console and the leaders' dashboard. Operators and admins work them; leaders read. Every change
/// names the version the caller saw (409 with the current state when it moved), is attributed to the signed-in user
/// and lands in the incident's trail.
/// </summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("Incidents");
        api.MapGet("/", List).RequireRoles(Roles.IncidentReaders)
            .WithSummary("List incidents, newest first: filter by status (comma-separated), severity, areaId, category, unacknowledged, active (what the wall shows: active and not silenced), topLevel, parentId; page and pageSize.");
        api.MapGet("/counts", async (IncidentStore store, CancellationToken ct) => TypedResults.Ok(await store.CountActiveBySeverityAsync(ct)))
            .RequireRoles(Roles.IncidentReaders)
            .WithSummary("Active incidents not silenced by maintenance, counted by severity.");
        api.MapGet("/{id:long}", async Task<IResult> (long id, IncidentStore store, CancellationToken ct) =>
                await store.GetDetailAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound())
            .RequireRoles(Roles.IncidentReaders)
            .WithSummary("One incident with its whole audit trail and the number of incidents filed under it.");

        api.MapGet("/{id:long}/snapshot", Snapshot).RequireRoles(Roles.IncidentWorkers)
            .WithSummary("The incident's camera snapshot, fetched through the Server: allowed hosts only, jpeg/png/webp, at most 2 MB, 5 s timeout; 403 for a host not allowed, 502/504 when the camera's server fails.");

        MapChange<VersionedRequest>(api, "acknowledge", "Acknowledge an open incident.", (i, r, by, at) => i.Acknowledge(by, at));
        MapChange<VersionedRequest>(api, "start", "Start work on an acknowledged incident.", (i, r, by, at) => i.Start(by, at));
        MapChange<ResolveRequest>(api, "resolve", "Resolve an active incident, with an optional note.", (i, r, by, at) => i.Resolve(by, at, r.Note));
        MapChange<VersionedRequest>(api, "close", "Close a resolved incident.", (i, r, by, at) => i.Close(by, at));
        MapChange<ReopenRequest>(api, "reopen", "Reopen a resolved or closed incident, giving a reason.", (i, r, by, at) => i.Reopen(by, at, r.Reason ?? ""));
        MapChange<NoteRequest>(api, "notes", "Add a note to the incident's trail.", (i, r, by, at) => i.AddNote(by, at, r.Text ?? ""));
        MapChange<AssignRequest>(api, "assign", "Assign the incident to someone (blank unassigns).", (i, r, by, at) => i.Assign(by, at, r.Assignee));
        MapChange<SeverityRequest>(api, "severity", "Change the incident's severity.", (i, r, by, at) => i.ChangeSeverity(by, at, r.Severity ?? ""));
        return app;
    }

    private static async Task<IResult> Snapshot(long id, IncidentStore store, SnapshotFetcher fetcher, HttpResponse response, CancellationToken ct)
    {
        var incident = await store.GetAsync(id, ct);
        if (incident is null)
            return TypedResults.NotFound();
        var snapshot = await fetcher.FetchAsync(incident.SnapshotUrl, incident.SourceId, ct);
        if (snapshot.Bytes is null)
            return TypedResults.Problem(snapshot.Problem, statusCode: snapshot.Status);
        response.Headers.CacheControl = "private, no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        return TypedResults.File(snapshot.Bytes, snapshot.ContentType);
    }

    private static async Task<IResult> List(
        IncidentStore store, string? status, string? severity, string? areaId, string? category, bool? unacknowledged, bool? active,
        bool? topLevel, long? parentId, int? page, int? pageSize, CancellationToken ct)
    {
        var statuses = status?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statuses?.FirstOrDefault(s => !IncidentStatusNames.TryParse(s, out _)) is { } unknown)
            return TypedResults.Problem($"Unknown status '{unknown}': use open, acknowledged, inProgress, resolved, closed.", statusCode: StatusCodes.Status400BadRequest);
        var query = new IncidentQuery(statuses, severity, areaId, category, unacknowledged ?? false, active ?? false, topLevel ?? false,
            parentId, Math.Max(page ?? 1, 1), Math.Clamp(pageSize ?? 50, 1, 500));
        return TypedResults.Ok(await store.ListAsync(query, ct));
    }

    private static void MapChange<TRequest>(RouteGroupBuilder api, string action, string summary, Action<Incident, TRequest, string, DateTimeOffset> change)
        where TRequest : class, IVersionedChange
    {
        api.MapPost($"/{{id:long}}/{action}", async Task<IResult> (long id, TRequest request, ClaimsPrincipal caller, IncidentLifecycle lifecycle, TimeProvider clock, CancellationToken ct) =>
            {
                var by = caller.Identity!.Name!;
                var at = clock.GetUtcNow();
                var result = await lifecycle.ApplyAsync(id, request.ExpectedVersion, incident => change(incident, request, by, at), ct);
                return result.Outcome switch
                {
                    ChangeOutcome.Applied => TypedResults.Ok(result.Incident),
                    ChangeOutcome.NotFound => TypedResults.NotFound(),
                    ChangeOutcome.Refused => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest),
                    _ => TypedResults.Conflict(new ChangeProblem(result.Message!, result.Incident)),
                };
            })
            .RequireRoles(Roles.IncidentWorkers)
            .WithSummary(summary + " Body carries expectedVersion; 409 with the current incident when it moved, 400 when the lifecycle refuses.");
    }
}
