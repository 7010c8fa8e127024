using System.Data;
using Dapper;

namespace OpsCenter.Server.Persistence;

/// <summary>
/// timestamptz ⇄ <see cref="DateTimeOffset"/>. Npgsql 10 reads timestamptz as a UTC <see cref="DateTime"/>, which
/// Dapper cannot hand to a <see cref="DateTimeOffset"/> member; and it refuses to write an offset other than zero, so
/// values are written as the same instant in UTC.
/// </summary>
internal sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset offset => offset,
        _ => throw new DataException($"Cannot read a {value.GetType().Name} as a DateTimeOffset."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.ToUniversalTime();
    }
}
