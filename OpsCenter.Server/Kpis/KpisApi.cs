using Microsoft.AspNetCore.Http.HttpResults;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Security;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Kpis;

/// <summary>KPI history for the wall's sparklines. Aggregates only, no personal data: any signed-in person may read it.</summary>
public static class KpisApi
{
    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/kpis").WithTags("KPIs")
            .MapGet("/history", History).RequireRoles(Roles.AnyPerson)
            .WithSummary("Per-minute history of one KPI, city-wide or for one area: [{ t: Unix ms of the minute, v: number or null }], oldest first.")
            .WithDescription($"kpi: one of {string.Join(", ", KpiHistory.Supported)}. area: an area id (omit for the city). " +
                             $"minutes: 1 … {KpiHistory.MaxMinutes} (default 60). Answers 503 while InfluxDB is unreachable.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<KpiPoint>>, ValidationProblem, ProblemHttpResult>> History(
        string? kpi, string? area, int? minutes, KpiHistory history, CityInventory inventory, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (kpi is null || !KpiHistory.Supported.Contains(kpi))
            errors["kpi"] = [$"Name one of: {string.Join(", ", KpiHistory.Supported)}."];
        // Checked against the inventory: only a known id ever reaches the query text.
        if (area is not null && inventory.Areas.All(a => a.Id != area))
            errors["area"] = [$"Unknown area '{area}'."];
        if (minutes is < 1 or > KpiHistory.MaxMinutes)
            errors["minutes"] = [$"Between 1 and {KpiHistory.MaxMinutes}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        try
        {
            return TypedResults.Ok(await history.PointsAsync(kpi!, area, minutes ?? 60, ct));
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQlException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return TypedResults.Problem("The time-series store does not answer; try again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
