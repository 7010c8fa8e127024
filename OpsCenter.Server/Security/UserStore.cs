using Dapper;
using Npgsql;

namespace OpsCenter.Server.Security;

/// <summary>The <c>users</c> table. Usernames are stored lower-case so that "Admin" and "admin" are one account.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    // Named like UserAccount's constructor, in its order: Dapper builds records through their constructor.
    private const string Columns = "id, username, display_name, role, password_hash, failed_count, locked_until, created_at";

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE username = @Username", new { Username = Normalize(username) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var users = await connection.QueryAsync<UserAccount>(new CommandDefinition(
            $"SELECT {Columns} FROM users ORDER BY username", cancellationToken: cancellationToken));
        return [.. users];
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM users WHERE role = @Role)", new { Role = Roles.Admin }, cancellationToken: cancellationToken));
    }

    /// <summary>Null when the username is taken.</summary>
    public async Task<UserAccount?> CreateAsync(string username, string displayName, string role, string passwordHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition($"""
            INSERT INTO users (username, display_name, role, password_hash) VALUES (@Username, @DisplayName, @Role, @PasswordHash)
            ON CONFLICT (username) DO NOTHING
            RETURNING {Columns}
            """,
            new { Username = Normalize(username), DisplayName = displayName, Role = role, PasswordHash = passwordHash }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Counts a failure in one statement (two wrong guesses arriving together both count) and locks the account
    /// when the count reaches the threshold. Returns the new lock end, if any.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(long id, int threshold, TimeSpan lockout, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The lockout goes as seconds: Dapper would send a TimeSpan as a time of day, not an interval. The result is read
        // as a row, not a bare value: Dapper hands a bare NULL to the type handler instead of making it null.
        var lockState = await connection.QuerySingleOrDefaultAsync<LockState>(new CommandDefinition("""
            UPDATE users SET
                failed_count = CASE WHEN failed_count + 1 >= @Threshold THEN 0 ELSE failed_count + 1 END,
                locked_until = CASE WHEN failed_count + 1 >= @Threshold THEN now() + make_interval(secs => @LockoutSeconds) ELSE locked_until END
            WHERE id = @Id
            RETURNING locked_until
            """,
            new { Id = id, Threshold = threshold, LockoutSeconds = lockout.TotalSeconds }, cancellationToken: cancellationToken));
        return lockState?.LockedUntil;
    }

    public async Task RecordSuccessAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task UpdatePasswordHashAsync(long id, string hash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @Hash WHERE id = @Id", new { Id = id, Hash = hash }, cancellationToken: cancellationToken));
    }

    private sealed record LockState(DateTimeOffset? LockedUntil);
}
