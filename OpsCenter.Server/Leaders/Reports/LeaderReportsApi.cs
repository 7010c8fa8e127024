using System.Globalization;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>A report as the dashboard lists it. <see cref="PdfUrl"/> is always given (the agreed shape); it answers 404 while the report is failed.</summary>
public sealed record ReportView(
    Guid Id, string Kind, DateOnly From, DateOnly To, DateTime CreatedAt, string Status, string? Error, string PdfUrl, IReadOnlyList<ReportChartView> Charts)
{
    public static ReportView Of(StoredReport report) => new(
        report.Id, report.Kind.Name(), report.Days.From, report.Days.To, report.CreatedAt.UtcDateTime, report.Ready ? "ready" : "failed", report.Error,
        $"/api/leaders/reports/{report.Id}/pdf",
        [.. report.Charts.Select(c => new ReportChartView(c.Name, $"/api/leaders/reports/{report.Id}/charts/{c.Name}.png", c.Width, c.Height))]);
}

public sealed record ReportChartView(string Name, string Url, int Width, int Height);

/// <summary>The period a leader asks a report for, both days included (yyyy-MM-dd, city calendar).</summary>
public sealed record ReportRequest(string? From, string? To);

/// <summary>The leaders' reports: list, download (PDF, chart PNGs), and make one for any range. Leaders and admins only.</summary>
public static partial class LeaderReportsApi
{
    /// <summary>Reports are the leaders' summaries; admins look after them. Operators have the console.</summary>
    public const string Readers = Roles.Leader + "," + Roles.Admin;

    public static IEndpointRouteBuilder MapLeaderReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leaders/reports").WithTags("Leaders' reports").RequireRoles(Readers);
        api.MapGet("/", async (LeaderReportStore store, CancellationToken ct) =>
                TypedResults.Ok((await store.ListAsync(ct)).Select(ReportView.Of).ToList()))
            .WithSummary("The stored reports, newest first: daily (07:00, yesterday), weekly (Monday 07:30, the previous Monday–Sunday) and custom; status ready or failed (with the error), links to the PDF and the chart PNGs.");
        // Ids are parsed here rather than by a route constraint: a malformed id is then a 404 of this endpoint, after
        // its role check, not an unmatched route.
        api.MapGet("/{id}/pdf", async Task<IResult> (string id, LeaderReportStore store, CancellationToken ct) =>
                Guid.TryParse(id, out var reportId) && await store.PdfAsync(reportId, ct) is { } pdf
                    ? TypedResults.File(pdf.Pdf, "application/pdf", pdf.Kind.PdfFileName(pdf.Days))
                    : TypedResults.NotFound())
            .WithSummary("The report's PDF as an attachment (e.g. bao-cao-ngay-2026-11-30.pdf); 404 for an unknown or failed report.");
        api.MapGet("/{id}/charts/{name}.png", async Task<IResult> (string id, string name, LeaderReportStore store, CancellationToken ct) =>
                Guid.TryParse(id, out var reportId) && await store.ChartAsync(reportId, name, ct) is { } png ? TypedResults.File(png, "image/png") : TypedResults.NotFound())
            .WithSummary("One chart of the report as PNG: traffic-speed-by-hour, camera-availability-by-area, one-stop-wait-by-area, one-stop-on-time-by-area.");
        api.MapPost("/", Create)
            .WithSummary("Make a report now for a range of city days, both included: body { from, to } as yyyy-MM-dd; from ≤ to, not in the future, at most Reports:MaxDays (366) days. 201 with the report; 400 with the reason otherwise.");
        return app;
    }

    private static async Task<IResult> Create(
        ReportRequest? request, LeaderReportGenerator generator, LeaderReportStore store, CityInventory inventory, TimeProvider clock,
        IOptions<ReportsOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var today = CityCalendar.For(inventory).DayOf(clock.GetUtcNow());
        if (Validate(request, today, options.Value.MaxDays, out var days) is { } problem)
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        try
        {
            var report = await generator.GenerateAsync(ReportKind.Custom, days, ct);
            return TypedResults.Created($"/api/leaders/reports/{report.Id}", ReportView.Of(report));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(loggers.CreateLogger(typeof(LeaderReportsApi)), failure, days);
            await store.RecordFailureAsync(ReportKind.Custom, days, clock.GetUtcNow(), failure.Message, CancellationToken.None);
            return TypedResults.Problem($"The report for {days} could not be made: {failure.Message}", statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <returns>Why the request is refused, or null with the period.</returns>
    internal static string? Validate(ReportRequest? request, DateOnly cityToday, int maxDays, out CityDays days)
    {
        days = default;
        if (request is null)
            return "Send { \"from\": \"yyyy-MM-dd\", \"to\": \"yyyy-MM-dd\" }.";
        if (!TryDay(request.From, out var from))
            return $"'from' must be a date as yyyy-MM-dd, not '{request.From}'.";
        if (!TryDay(request.To, out var to))
            return $"'to' must be a date as yyyy-MM-dd, not '{request.To}'.";
        if (from > to)
            return $"'from' ({from:yyyy-MM-dd}) must not be after 'to' ({to:yyyy-MM-dd}).";
        if (to > cityToday)
            return $"'to' ({to:yyyy-MM-dd}) is in the future: the city's today is {cityToday:yyyy-MM-dd}.";
        days = new CityDays(from, to);
        if (days.Count > maxDays)
            return $"A report covers at most {maxDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {days.Count}.";
        return null;
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    [LoggerMessage(Level = LogLevel.Error, Message = "The custom report for {Days} failed")]
    private static partial void LogFailed(ILogger logger, Exception failure, CityDays days);
}
