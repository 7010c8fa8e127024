using System.Text.Json;

namespace OpsCenter.Server.Persistence;

/// <summary>
/// JSON meant for a <c>jsonb</c> column. A plain string parameter is sent as <c>text</c>, which PostgreSQL will not
/// put into <c>jsonb</c> without a cast; this type tells the mapper (<see cref="JsonbHandler"/>) to send it as jsonb.
/// </summary>
public sealed record Jsonb(string Json)
{
    /// <summary>Web naming (camelCase), like every JSON the Server writes; null stays SQL NULL.</summary>
    public static Jsonb? Serialize(object? value) =>
        value is null ? null : new Jsonb(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    public T? Deserialize<T>() => JsonSerializer.Deserialize<T>(Json, JsonSerializerOptions.Web);
}
