using Npgsql;

namespace OpsCenter.Server.Security;

/// <summary>The <c>users</c> table. Usernames are stored lower-case so that "Admin" and "admin" are one account.</summary>
public sealed class UserStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, username, display_name, role, password_hash, failed_count, locked_until, created_at";

    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public async Task<UserAccount?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users WHERE username = @u");
        command.Parameters.AddWithValue("u", Normalize(username));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM users ORDER BY username");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<UserAccount>();
        while (await reader.ReadAsync(cancellationToken))
            users.Add(Read(reader));
        return users;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin')");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Null when the username is taken.</summary>
    public async Task<UserAccount?> CreateAsync(string username, string displayName, string role, string passwordHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO users (username, display_name, role, password_hash) VALUES (@u, @d, @r, @h) ON CONFLICT (username) DO NOTHING RETURNING {Columns}");
        command.Parameters.AddWithValue("u", Normalize(username));
        command.Parameters.AddWithValue("d", displayName);
        command.Parameters.AddWithValue("r", role);
        command.Parameters.AddWithValue("h", passwordHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Counts a failure in one statement (two wrong guesses arriving together both count) and locks the account
    /// when the count reaches the threshold. Returns the new lock end, if any.
    /// </summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(long id, int threshold, TimeSpan lockout, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE users SET
                failed_count = CASE WHEN failed_count + 1 >= @threshold THEN 0 ELSE failed_count + 1 END,
                locked_until = CASE WHEN failed_count + 1 >= @threshold THEN now() + @lockout ELSE locked_until END
            WHERE id = @id
            RETURNING locked_until
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("threshold", threshold);
        command.Parameters.AddWithValue("lockout", lockout);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    public async Task RecordSuccessAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET failed_count = 0, locked_until = NULL WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpdatePasswordHashAsync(long id, string hash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE users SET password_hash = @h WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("h", hash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static UserAccount Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.GetFieldValue<DateTimeOffset>(7));
}
