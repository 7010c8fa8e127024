using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace OpsCenter.Server.Security;

/// <summary>Administrators create and list the people who sign in.</summary>
public static partial class UsersApi
{
    public sealed record CreateUser(string? Username, string? DisplayName, string? Role, string? Password);

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireRoles(Roles.Admin).WithTags("Users");
        api.MapGet("/", async (UserStore users, CancellationToken ct) => TypedResults.Ok((await users.ListAsync(ct)).Select(u => u.ToView())))
            .WithSummary("List the people who may sign in.");
        api.MapPost("/", Create).WithSummary("Create a person's account (role: operator, leader, admin or wall).");
        return app;
    }

    private static async Task<IResult> Create(CreateUser request, ClaimsPrincipal caller, UserStore users, IPasswordHasher<UserAccount> hasher,
        AuditTrail audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsValidUsername(request.Username?.Trim().ToLowerInvariant()))
            errors["username"] = ["3-64 characters of a-z 0-9 . _ -"];
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
            errors["displayName"] = ["1-200 characters"];
        if (request.Role is null || !Roles.People.Contains(request.Role))
            errors["role"] = [$"one of {string.Join(", ", Roles.People)}"];
        if (request.Password is null || request.Password.Length is < BootstrapAdmin.MinimumPasswordLength or > 1024)
            errors["password"] = [$"at least {BootstrapAdmin.MinimumPasswordLength} characters"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var created = await users.CreateAsync(request.Username!, request.DisplayName!.Trim(), request.Role!, hasher.HashPassword(null!, request.Password!), cancellationToken);
        if (created is null)
            return TypedResults.Problem($"The username '{UserStore.Normalize(request.Username!)}' is taken.", statusCode: StatusCodes.Status409Conflict);
        await audit.RecordAsync(caller.Identity!.Name!, "user.created", created.Username, new { role = created.Role }, cancellationToken);
        return TypedResults.Created($"/api/users/{created.Id}", created.ToView());
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9._-]{3,64}$")]
    private static partial System.Text.RegularExpressions.Regex UsernamePattern();
}
