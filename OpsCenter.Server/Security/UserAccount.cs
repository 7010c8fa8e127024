namespace OpsCenter.Server.Security;

/// <summary>A person who signs in. The hash never leaves the Server; <see cref="UserView"/> is what APIs return.</summary>
public sealed record UserAccount(
    long Id, string Username, string DisplayName, string Role, string PasswordHash, int FailedCount,
    DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    public UserView ToView() => new(Id, Username, DisplayName, Role, LockedUntil, CreatedAt);
}

public sealed record UserView(long Id, string Username, string DisplayName, string Role, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);
