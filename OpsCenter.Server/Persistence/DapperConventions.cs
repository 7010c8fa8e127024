using Dapper;

namespace OpsCenter.Server.Persistence;

/// <summary>
/// How every store maps rows: by column name, <c>snake_case</c> columns onto <c>PascalCase</c> members, with the
/// PostgreSQL types Dapper does not know how to convert. Dapper's settings are process-wide, so they are applied once
/// however many hosts (tests start several) call <see cref="Apply"/>.
/// </summary>
public static class DapperConventions
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Dapper's built-in map wins over a handler when writing parameters; without it the handler decides.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new JsonbHandler());
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void Apply() => _ = Applied.Value;
}
