using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace OpsCenter.Server.Security;

public sealed record ServiceKeyView(long Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Who a presented key signs in as.</summary>
public sealed record ActiveServiceKey(string Name, string Role);

/// <summary>
/// Keys of machine clients. A key is 32 random bytes shown once at creation; only its SHA-256 is stored. A fast hash
/// is right here: nobody can guess 256 random bits, and every request is checked against it.
/// </summary>
public sealed class ServiceKeyStore(NpgsqlDataSource dataSource)
{
    public const string KeyPrefix = "ock_";

    // Named like ServiceKeyView's constructor, in its order: Dapper builds records through their constructor.
    private const string ViewColumns = "id, name, role, created_by, created_at, revoked_at";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Returns the plain key (shown once) or null when the name is taken.</summary>
    public async Task<(ServiceKeyView View, string Key)?> CreateAsync(string name, string role, string createdBy, CancellationToken cancellationToken)
    {
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var view = await connection.QuerySingleOrDefaultAsync<ServiceKeyView>(new CommandDefinition($"""
            INSERT INTO service_keys (name, role, key_hash, created_by) VALUES (@Name, @Role, @KeyHash, @CreatedBy)
            ON CONFLICT (name) DO NOTHING
            RETURNING {ViewColumns}
            """,
            new { Name = name, Role = role, KeyHash = Hash(key), CreatedBy = createdBy }, cancellationToken: cancellationToken));
        return view is null ? null : (view, key);
    }

    /// <summary>The key's name and role when it exists and is not revoked.</summary>
    public async Task<ActiveServiceKey?> FindActiveAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ActiveServiceKey>(new CommandDefinition(
            "SELECT name, role FROM service_keys WHERE key_hash = @KeyHash AND revoked_at IS NULL", new { KeyHash = Hash(key) }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ServiceKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<ServiceKeyView>(new CommandDefinition(
            $"SELECT {ViewColumns} FROM service_keys ORDER BY name", cancellationToken: cancellationToken));
        return [.. keys];
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE service_keys SET revoked_at = now() WHERE id = @Id AND revoked_at IS NULL", new { Id = id }, cancellationToken: cancellationToken)) == 1;
    }
}
