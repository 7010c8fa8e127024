using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Leaders.Figures;

/// <summary>
/// Socio-economic figures: admins upload a CSV, departments' systems post JSON with a <c>department</c> service key,
/// leaders and admins read the series with trend and year-on-year change. Every upload is checked whole first: any bad
/// row refuses it (400, each bad row named), so nothing of it is stored; a good one is stored in one transaction.
/// </summary>
public static class FiguresApi
{
    /// <summary>Ten thousand rows of a few dozen characters fit; a bigger file is not a table of city figures.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leaders/figures").WithTags("Leaders");
        api.MapGet("/", async (FigureStore store, CancellationToken ct) => TypedResults.Ok(FigureSeries.From(await store.ListAsync(ct))))
            .RequireRoles(Roles.Leaders)
            .WithSummary("Socio-economic figures: one series per indicator and period kind, with its latest value, the trend and the change against the same period a year earlier.");
        // No Accepts(...) metadata on the uploads: routing would answer a wrong content type with 415 before the role
        // check, telling anyone what the endpoint takes. The handlers check the type themselves, after authorization.
        api.MapPost("/csv", UploadCsv).RequireRoles(Roles.Admin)
            .WithSummary("Upload figures as CSV (text/csv body or a multipart file; at most 1 MiB, 10,000 rows). Header indicator,unit,period,value,source; period YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD; value with a decimal point. Any bad row: 400 naming each bad line, nothing stored. Same indicator and period again: replaced.");
        api.MapPost("/", PostJson).RequireRoles(Roles.Department)
            .WithSummary("A department's system posts figures: a JSON array of {indicator, unit, period, value, source} (value a JSON number). Checked as a whole like the CSV upload; errors name the item (1 = first).");
        return app;
    }

    private static async Task<IResult> UploadCsv(HttpRequest request, ClaimsPrincipal caller, FigureStore store, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var body = await ReadCsvAsync(request, ct);
        if (body.Problem is not null)
            return body.Problem;
        return await ImportAsync(FigureCsv.Read(body.Text!), "line", "csv", caller, store, audit, clock, ct);
    }

    private static async Task<IResult> PostJson(HttpRequest request, ClaimsPrincipal caller, FigureStore store, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return TypedResults.Problem("Send the figures as application/json: an array of {indicator, unit, period, value, source}.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var bytes = await ReadCappedAsync(request, ct);
        if (bytes is null)
            return TooLarge();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not valid JSON.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (root.ValueKind != JsonValueKind.Array)
            return TypedResults.Problem("The body must be a JSON array of {indicator, unit, period, value, source}.", statusCode: StatusCodes.Status400BadRequest);
        var rows = root.EnumerateArray().Select((item, i) => FromJson(item, i + 1)).ToList();
        return await ImportAsync(FigureBatch.Check(rows), "item", "api", caller, store, audit, clock, ct);
    }

    /// <summary>Fields by name, case-insensitively; a value that is not a JSON number is passed on as text the check refuses.</summary>
    private static FigureInput FromJson(JsonElement item, int position)
    {
        string? Field(string name)
        {
            if (item.ValueKind != JsonValueKind.Object)
                return null;
            foreach (var property in item.EnumerateObject())
            {
                if (!property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                    continue;
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String when name != "value" => property.Value.GetString(),
                    JsonValueKind.Number when name == "value" && property.Value.TryGetDecimal(out var d) => d.ToString(CultureInfo.InvariantCulture),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => property.Value.GetRawText(),
                };
            }
            return null;
        }
        return new FigureInput(position, Field("indicator"), Field("unit"), Field("period"), Field("value"), Field("source"));
    }

    private static async Task<IResult> ImportAsync(
        FigureBatch batch, string rowName, string channel, ClaimsPrincipal caller, FigureStore store, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = batch.Errors;
        FigureImport? import = null;
        if (batch.IsValid)
            (import, errors) = await store.ImportAsync(batch.Figures, caller.Identity!.Name!, clock.GetUtcNow(), ct);
        if (import is null)
            return Refused(errors, rowName);
        await audit.RecordAsync(caller.Identity!.Name!, "figures.imported", channel,
            new { rows = batch.Figures.Count, import.Added, import.Replaced, indicators = batch.Figures.Select(f => f.Indicator).Distinct().Take(20) }, ct);
        return TypedResults.Ok(new { rows = batch.Figures.Count, added = import.Added, replaced = import.Replaced });
    }

    private static IResult Refused(IReadOnlyList<FigureError> errors, string rowName)
    {
        string Where(FigureError e) => e.Line > 0 ? $"{rowName} {e.Line}: " : "";
        var listed = errors.Take(200).Select(e => new Dictionary<string, object> { [rowName] = e.Line, ["message"] = e.Message }).ToList();
        var detail = $"Nothing was imported: {errors.Count} {(errors.Count == 1 ? "problem" : "problems")}. " +
            string.Join(" ", errors.Take(5).Select(e => Where(e) + e.Message + ".")) + (errors.Count > 5 ? " …" : "");
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The figures were refused",
            extensions: new Dictionary<string, object?> { ["errors"] = listed });
    }

    private static async Task<(string? Text, IResult? Problem)> ReadCsvAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes + 16 * 1024)
            return (null, TooLarge());
        byte[]? bytes;
        if (request.HasFormContentType)
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBodyBytes + 16 * 1024;
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
                return (null, TypedResults.Problem("The form has no file: send the CSV as the field 'file'.", statusCode: StatusCodes.Status400BadRequest));
            if (file.Length > MaxBodyBytes)
                return (null, TooLarge());
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, ct);
            bytes = stream.ToArray();
        }
        else
        {
            var type = request.ContentType ?? "";
            if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
                return (null, TypedResults.Problem("Send the CSV as text/csv (or as the file of a multipart/form-data upload).", statusCode: StatusCodes.Status415UnsupportedMediaType));
            bytes = await ReadCappedAsync(request, ct);
            if (bytes is null)
                return (null, TooLarge());
        }
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, TypedResults.Problem("The file is not UTF-8 text: save the CSV as UTF-8.", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>At most one byte past the limit is read, whatever Content-Length claimed (chunked bodies have none); null when too big.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return null;
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
                return null;
        }
        return body.ToArray();
    }

    private static IResult TooLarge() =>
        TypedResults.Problem($"The upload is larger than {MaxBodyBytes / 1024} KiB; split it into several files.", statusCode: StatusCodes.Status413PayloadTooLarge);
}
