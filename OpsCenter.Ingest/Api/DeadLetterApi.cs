using OpsCenter.Contracts.Security;
using OpsCenter.Ingest.DeadLetters;
using OpsCenter.Ingest.Security;
using OpsCenter.Ingest.Telemetry;

namespace OpsCenter.Ingest.Api;

public static class DeadLetterApi
{
    /// <summary>Rejected messages, newest first, and rejection totals per reason and device.</summary>
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dead-letters").RequireRoles(Roles.Operator, Roles.Admin).WithTags("Dead letters");
        api.MapGet("/", (DeadLetterStore store, string? reason, string? deviceId, string? topicPrefix, int? limit) =>
            TypedResults.Ok(store.List(reason, deviceId, topicPrefix, Math.Clamp(limit ?? 100, 1, 1000))))
            .WithSummary("Rejected messages, newest first, filtered by reason, device or topic prefix.");
        api.MapGet("/totals", (IngestMetrics metrics, int? limit) =>
            TypedResults.Ok(metrics.RejectionTotals().Take(Math.Clamp(limit ?? 100, 1, 10_000))))
            .WithSummary("Rejection totals per reason and device.");
        return app;
    }
}
