using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace OpsCenter.Server.Persistence;

/// <summary>Writes <see cref="Jsonb"/> as jsonb; reads a jsonb column (Npgsql returns its text) back into one.</summary>
internal sealed class JsonbHandler : SqlMapper.TypeHandler<Jsonb>
{
    public override Jsonb? Parse(object value) => value is string json ? new Jsonb(json) : null;

    public override void SetValue(IDbDataParameter parameter, Jsonb? value)
    {
        if (parameter is NpgsqlParameter npgsql)
            npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
        parameter.Value = value is null ? DBNull.Value : value.Json;
    }
}
