using System.Security.Claims;
using OpsCenter.Server.Security;

namespace OpsCenter.Server.Rules;

/// <summary>
/// <c>/api/rules</c>: admins write rules, operators and admins read them. A change is applied to this Server's engine
/// before the answer goes out; other Servers pick it up within 10 s.
/// </summary>
public static class RulesApi
{
    /// <summary>A rule is a few hundred bytes; anything near this is not one.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rules").WithTags("Rules");
        api.MapGet("/", async (RuleStore store, CancellationToken ct) => TypedResults.Ok((await store.ListAsync(ct)).Select(RuleView.From)))
            .RequireRoles(Roles.ConsoleUsers)
            .WithSummary("Every incident rule, with its version and who changed it last.");
        api.MapGet("/{id}", async Task<IResult> (string id, RuleStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } rule ? TypedResults.Ok(RuleView.From(rule)) : TypedResults.NotFound())
            .RequireRoles(Roles.ConsoleUsers)
            .WithSummary("One incident rule.");
        api.MapPut("/{id}", PutAsync).RequireRoles(Roles.Admin)
            .WithSummary("Create or replace a rule (JSON as in docs/rules.md); it takes effect at once, without a restart.");
        api.MapDelete("/{id}", DeleteAsync).RequireRoles(Roles.Admin)
            .WithSummary("Delete a rule and its saved state; incidents it raised stay open for operators to close.");
        return app;
    }

    private static async Task<IResult> PutAsync(string id, HttpRequest request, ClaimsPrincipal caller, RuleStore store, RuleSetLoader loader,
        AuditTrail audit, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            return TypedResults.Problem($"A rule may be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        if (!request.HasJsonContentType())
            return TypedResults.Problem("Send the rule as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        if (body.Length > MaxBodyBytes)
            return TypedResults.Problem($"A rule may be at most {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);

        var rule = RuleJson.Parse(body, out var errors);
        if (rule is null)
            return TypedResults.ValidationProblem(errors);
        // The path names the rule; a body that names another one is a mistake, not a rename.
        if (rule.Id.Length == 0)
            rule = rule with { Id = id };
        else if (rule.Id != id)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must equal the id in the path"] });
        errors = rule.Validate();
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var by = caller.Identity!.Name!;
        var created = await store.SaveAsync(rule, by, ct);
        await audit.RecordAsync(by, created ? "rule.created" : "rule.updated", rule.Id, new { kind = rule.Kind }, ct);
        await loader.ReloadIfChangedAsync(ct);
        var saved = RuleView.From((await store.GetAsync(rule.Id, ct))!);
        return created ? TypedResults.Created($"/api/rules/{Uri.EscapeDataString(rule.Id)}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal caller, RuleStore store, RuleSetLoader loader, AuditTrail audit,
        CancellationToken ct)
    {
        if (!await store.DeleteAsync(id, ct))
            return TypedResults.NotFound();
        await audit.RecordAsync(caller.Identity!.Name!, "rule.deleted", id, null, ct);
        await loader.ReloadIfChangedAsync(ct);
        return TypedResults.NoContent();
    }
}

/// <summary>What the API answers: the rule as JSON (polymorphic, with its <c>kind</c>) and its bookkeeping.</summary>
public sealed record RuleView(RuleDefinition Rule, long Version, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static RuleView From(StoredRule stored) => new(stored.Rule, stored.Version, stored.UpdatedBy, stored.UpdatedAt);
}
