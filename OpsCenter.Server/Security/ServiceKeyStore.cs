using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace OpsCenter.Server.Security;

public sealed record ServiceKeyView(long Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Keys of machine clients. A key is 32 random bytes shown once at creation; only its SHA-256 is stored. A fast hash
/// is right here: nobody can guess 256 random bits, and every request is checked against it.
/// </summary>
public sealed class ServiceKeyStore(NpgsqlDataSource dataSource)
{
    public const string KeyPrefix = "ock_";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Returns the plain key (shown once) or null when the name is taken.</summary>
    public async Task<(ServiceKeyView View, string Key)?> CreateAsync(string name, string role, string createdBy, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = dataSource.CreateCommand("""
            INSERT INTO service_keys (name, role, key_hash, created_by) VALUES (@n, @r, @h, @c)
            ON CONFLICT (name) DO NOTHING
            RETURNING id, name, role, created_by, created_at, revoked_at
            """);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("r", role);
        command.Parameters.AddWithValue("h", Hash(key));
        command.Parameters.AddWithValue("c", createdBy);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), key) : null;
    }

    /// <summary>The key's name and role when it exists and is not revoked.</summary>
    public async Task<(string Name, string Role)?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT name, role FROM service_keys WHERE key_hash = @h AND revoked_at IS NULL");
        command.Parameters.AddWithValue("h", Hash(key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyList<ServiceKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, role, created_by, created_at, revoked_at FROM service_keys ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ServiceKeyView>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(Read(reader));
        return keys;
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE service_keys SET revoked_at = now() WHERE id = @id AND revoked_at IS NULL");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static ServiceKeyView Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4),
        r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));
}
