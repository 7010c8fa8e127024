using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Security;

public enum SignInOutcome { Succeeded, Invalid, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? User = null);

/// <summary>
/// Checks a username and password with ASP.NET Core's hasher and applies the lockout: after
/// <see cref="SecurityOptions.LockoutThreshold"/> wrong passwords the account refuses every password, right ones too,
/// for <see cref="SecurityOptions.LockoutMinutes"/>. Unknown users cost the same hash time as known ones, so the answer
/// time does not tell which usernames exist.
/// </summary>
public sealed partial class PasswordSignIn(
    UserStore users, IPasswordHasher<UserAccount> hasher, IOptions<SecurityOptions> options, TimeProvider clock,
    ILogger<PasswordSignIn> logger)
{
    private static readonly UserAccount Nobody = new(0, "", "", "", "", 0, null, DateTimeOffset.MinValue);
    private static string? _dummyHash;

    public async Task<SignInResult> CheckAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password) || username.Length > 64 || password.Length > 1024)
            return new(SignInOutcome.Invalid);

        var user = await users.FindAsync(username, cancellationToken);
        if (user is null)
        {
            _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            LogUnknownUser();
            return new(SignInOutcome.Invalid);
        }
        if (user.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            LogLocked(user.Username);
            return new(SignInOutcome.LockedOut);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var settings = options.Value;
            var lockedUntil = await users.RecordFailureAsync(user.Id, settings.LockoutThreshold, TimeSpan.FromMinutes(settings.LockoutMinutes), cancellationToken);
            if (lockedUntil is { } locked && locked > clock.GetUtcNow())
            {
                LogLockedNow(user.Username, locked);
                return new(SignInOutcome.LockedOut);
            }
            LogWrongPassword(user.Username);
            return new(SignInOutcome.Invalid);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await users.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, password), cancellationToken);
        await users.RecordSuccessAsync(user.Id, cancellationToken);
        return new(SignInOutcome.Succeeded, user);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: unknown username")]
    private partial void LogUnknownUser();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {Username}: wrong password")]
    private partial void LogWrongPassword(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {Username}: account locked")]
    private partial void LogLocked(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Username} locked until {Until} after repeated wrong passwords")]
    private partial void LogLockedNow(string username, DateTimeOffset until);
}
