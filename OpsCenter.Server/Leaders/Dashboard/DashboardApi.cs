using System.Globalization;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>The leaders' dashboard API: the day's indicators against the day before and the 7-day average, the area ranking, trends.</summary>
public static class DashboardApi
{
    /// <summary>Far enough back for any stored rollup, and never a day that has not begun in the city.</summary>
    private static readonly DateOnly FirstDay = new(2000, 1, 1);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leaders").WithTags("Leaders").RequireRoles(Roles.Leaders);
        api.MapGet("/summary", Summary)
            .WithSummary("Every leaders' indicator (catalogue, definitions, Decision 766 group, measured or not) city-wide and per area for a day of the city's calendar (day=yyyy-MM-dd, default today), the day before and the mean of the 7 days before; the area ranking (composite, or rankBy=indicator).");
        api.MapGet("/trends", Trends)
            .WithSummary("One indicator's trend (indicator=, area= optional, grain=hour|day|week|month, from=/to= yyyy-MM-dd): at most 7 days of hours, 366 days, 53 weeks or 24 months.");
        return app;
    }

    private static async Task<IResult> Summary(string? day, string? rankBy, LeadersSummary summary, CancellationToken ct)
    {
        var today = summary.Today;
        var chosen = today;
        if (!string.IsNullOrWhiteSpace(day)
            && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out chosen))
            return Invalid("day", $"'{day}' is not a date written yyyy-MM-dd");
        if (chosen > today || chosen < FirstDay)
            return Invalid("day", $"{chosen:yyyy-MM-dd} is outside {FirstDay:yyyy-MM-dd} … today ({today:yyyy-MM-dd} in the city)");
        IndicatorDefinition? by = null;
        if (!string.IsNullOrWhiteSpace(rankBy) && rankBy != AreaRanking.Composite)
        {
            by = IndicatorCatalog.Find(rankBy);
            if (by is not { Measured: true })
                return Invalid("rankBy", $"'{rankBy}' is not a measured indicator: composite or one of {string.Join(", ", IndicatorCatalog.Measured.Select(d => d.Key))}");
        }
        return TypedResults.Ok(await summary.BuildAsync(chosen, by, ct));
    }

    private static async Task<IResult> Trends(string? indicator, string? area, string? grain, string? from, string? to, IndicatorTrends trends, CancellationToken ct)
    {
        var (query, error) = trends.Parse(indicator, area, grain, from, to);
        return query is null ? Invalid("trend", error!) : TypedResults.Ok(await trends.ReadAsync(query, ct));
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);
}
