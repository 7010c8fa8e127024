using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Security;

/// <summary>
/// Creates the first administrator from configuration when none exists, after the schema migrations ran (they run in
/// the host's starting phase, before any <c>StartAsync</c>). There is no built-in password: without configuration nobody can sign in,
/// and the log says how to fix that.
/// </summary>
public sealed partial class BootstrapAdmin(
    UserStore users, IPasswordHasher<UserAccount> hasher, IOptions<SecurityOptions> options, AuditTrail audit,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public const int MinimumPasswordLength = 12;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await users.AnyAdminAsync(cancellationToken))
            return;
        var admin = options.Value.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(admin.Username) || string.IsNullOrEmpty(admin.Password))
        {
            LogNoAdmin();
            return;
        }
        if (!UsersApi.IsValidUsername(admin.Username) || admin.Password.Length < MinimumPasswordLength)
            throw new InvalidOperationException(
                $"Security:BootstrapAdmin: the username must be 3-64 characters of a-z 0-9 . _ - and the password at least {MinimumPasswordLength} characters.");

        var created = await users.CreateAsync(admin.Username, admin.Username, Roles.Admin, hasher.HashPassword(null!, admin.Password), cancellationToken);
        if (created is null)
            throw new InvalidOperationException($"Security:BootstrapAdmin:Username '{admin.Username}' exists already but is not an admin.");
        await audit.RecordAsync("system", "user.created", created.Username, new { role = Roles.Admin, bootstrap = true }, cancellationToken);
        LogCreated(created.Username);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Username} from Security:BootstrapAdmin")]
    private partial void LogCreated(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator exists and Security:BootstrapAdmin is not set: nobody can sign in. Set Security__BootstrapAdmin__Username and Security__BootstrapAdmin__Password and restart.")]
    private partial void LogNoAdmin();
}
