using Npgsql;

namespace OpsCenter.Server.Persistence;

public static class PersistenceExtensions
{
    /// <summary>PostgreSQL: one data source for every store, Dapper's mapping conventions, schema migrations at start-up, the <c>postgres</c> health check.</summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Postgres is required (env ConnectionStrings__Postgres), e.g. Host=127.0.0.1;Port=5432;Username=opscenter;Password=...;Database=opscenter");
        DapperConventions.Apply();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        return builder;
    }
}
