using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OpsCenter.Server.Security;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.CitizenReports;

/// <summary>
/// Citizen field reports: the app backend posts them with a <c>reporter</c> service key; operators, leaders and admins
/// read them; only operators and admins (who answer reports) see the reporter's contact, and every such look is audited.
/// </summary>
public static class ReportsApi
{
    /// <summary>A 2,000-character description and a contact fit many times over; anything bigger is not a report.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Web naming, but numbers must be JSON numbers ("12" and "NaN" are not coordinates).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    public static IHostApplicationBuilder AddCitizenReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CitizenReportsOptions>(CitizenReportsOptions.Section);
        builder.Services.AddCityInventory();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<ReportFigures>();
        builder.Services.AddSingleton<ReportAreas>();
        builder.Services.AddSingleton<ReportIncidents>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCitizenReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Citizen reports");
        api.MapPost("/", Submit).RequireRoles(Roles.Reporter)
            .WithSummary("Submit a citizen field report (JSON, at most 64 KiB); a repeated reportId is answered as a duplicate.");
        api.MapGet("/", async (ReportStore store, string? category, int? limit, CancellationToken ct) =>
            TypedResults.Ok(await store.ListAsync(category, Math.Clamp(limit ?? 100, 1, 1000), ct))).RequireRoles(Roles.ReportReaders)
            .WithSummary("List reports, newest first, without reporter contacts.");
        api.MapGet("/{reportId}", async Task<IResult> (string reportId, ReportStore store, CancellationToken ct) =>
            await store.GetAsync(reportId, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound()).RequireRoles(Roles.ReportReaders)
            .WithSummary("One report, without the reporter's contact.");
        api.MapGet("/{reportId}/contact", ViewContact).RequireRoles(Roles.ReportAnswerers)
            .WithSummary("The reporter's contact; every look is written to the audit log first.");
        api.MapGet("/figures", async (ReportFigures figures, string? area, bool? bySource, CancellationToken ct) =>
                TypedResults.Ok(await figures.ComputeAsync(string.IsNullOrWhiteSpace(area) ? null : area, bySource ?? false, ct)))
            .RequireRoles(Roles.ReportReaders)
            .WithSummary("Received, answered, answeredPercent and medianMinutesToAnswer city-wide and per area (area= narrows to one), per source system with bySource=true.");
        api.MapPost("/{reportId}/answer", Answer).RequireRoles(Roles.ReportAnswerers)
            .WithSummary("Answer a report (body: text, 1-2000 characters); 409 when it is answered already, e.g. by another operator a moment earlier.");
        api.MapPost("/{reportId}/verdict", RecordVerdict).RequireRoles(Roles.Reporter)
            .WithSummary("The source system reports whether the citizen agreed with the answer (body: agreed); only the service key that delivered the report; 409 when there is no answer yet or a verdict already.");
        return app;
    }

    private static async Task<IResult> Submit(
        HttpRequest request, ClaimsPrincipal caller, ReportStore store, ReportAreas areas, ReportIncidents incidents,
        IOptions<CitizenReportsOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TooLarge();
        if (!request.HasJsonContentType())
            return TypedResults.Problem("Send the report as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

        // Read at most one byte past the limit, whatever Content-Length claimed (chunked bodies have none).
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
                return TooLarge();
        }

        ReportSubmission? submission;
        try
        {
            submission = JsonSerializer.Deserialize<ReportSubmission>(body.GetBuffer().AsSpan(0, (int)body.Length), Json);
        }
        catch (JsonException)
        {
            // Not echoing the parser's message: it can quote the body, which may hold personal data.
            return TypedResults.Problem("The body is not a valid JSON report object.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (submission is null)
            return TypedResults.Problem("The body is not a valid JSON report object.", statusCode: StatusCodes.Status400BadRequest);

        var result = CitizenReport.Submit(submission,
            new ReportIntake(caller.Identity!.Name!, clock.GetUtcNow(), options.Value.SourceSystems, areas.AreaOf));
        if (!result.IsAccepted)
            return TypedResults.ValidationProblem(result.Errors);

        var report = result.Report;
        var added = await store.AddAsync(report, ct);
        if (added)
            await incidents.RaiseAsync(report, ct);
        var location = $"/api/reports/{Uri.EscapeDataString(report.ReportId)}";
        return added
            ? TypedResults.Created(location, new { reportId = report.ReportId })
            : TypedResults.Ok(new { reportId = report.ReportId, duplicate = true });
    }

    private static async Task<IResult> ViewContact(string reportId, ClaimsPrincipal caller, ReportStore store, AuditTrail audit, CancellationToken ct)
    {
        var report = await store.LoadAsync(reportId, ct);
        if (report is null)
            return TypedResults.NotFound();
        // Recorded before the data leaves: if the audit row cannot be written, nobody sees the contact.
        await audit.RecordAsync(caller.Identity!.Name!, "report.contact.viewed", reportId, new { role = caller.FindFirstValue(ClaimTypes.Role) }, ct);
        return TypedResults.Ok(report.Reporter ?? new ReporterContact(null, null, null));
    }

    private static async Task<IResult> Answer(
        string reportId, AnswerRequest request, ClaimsPrincipal caller, ReportStore store, ReportIncidents incidents, TimeProvider clock,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > CitizenReport.MaxAnswerLength || request.Text.Contains('\0', StringComparison.Ordinal))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"1-{CitizenReport.MaxAnswerLength} characters, no NUL"] });
        var report = await store.LoadAsync(reportId, ct);
        if (report is null)
            return TypedResults.NotFound();
        try
        {
            report.Answer(caller.Identity!.Name!, request.Text, clock.GetUtcNow());
        }
        catch (ReportLifecycleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        if (!await store.SaveLifecycleAsync(report, ct))
            return TypedResults.Problem($"Report {reportId} was answered by someone else a moment ago.", statusCode: StatusCodes.Status409Conflict);
        await incidents.NoteAnsweredAsync(report, ct);
        return TypedResults.Ok(await store.GetAsync(reportId, ct));
    }

    private static async Task<IResult> RecordVerdict(
        string reportId, VerdictRequest request, ClaimsPrincipal caller, ReportStore store, TimeProvider clock, CancellationToken ct)
    {
        if (request.Agreed is not { } agreed)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agreed"] = ["true or false is required"] });
        var report = await store.LoadAsync(reportId, ct);
        // One intake system must not judge another's reports; to it they do not exist.
        if (report is null || report.ReceivedFrom != caller.Identity!.Name)
            return TypedResults.NotFound();
        try
        {
            report.RecordCitizenVerdict(agreed, clock.GetUtcNow());
        }
        catch (ReportLifecycleException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        if (!await store.SaveLifecycleAsync(report, ct))
            return TypedResults.Problem($"Report {reportId} changed while the verdict was recorded; send it again.", statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(new { reportId, status = report.Status.ToString().ToLowerInvariant() });
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"A report body may be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
}

public sealed record AnswerRequest(string? Text);

public sealed record VerdictRequest(bool? Agreed);
