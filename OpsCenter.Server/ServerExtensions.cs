using Npgsql;
using OpsCenter.Contracts.Hubs;
using OpsCenter.Server.Broker;
using OpsCenter.Server.Hubs;
using OpsCenter.Server.Live;
using OpsCenter.Server.Persistence;
using OpsCenter.ServiceDefaults;
using OpsCenter.ServiceDefaults.Mqtt;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server;

public static class ServerExtensions
{
    public static IHostApplicationBuilder AddOpsCenterServer(this WebApplicationBuilder builder)
    {
        // Serve OpsCenter.Web's assets straight from the build output too, not only from a publish folder.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddValidatedOptions<BrokerOptions>(BrokerOptions.Section);
        services.AddValidatedOptions<MqttConnectionOptions>(MqttConnectionOptions.Section);
        services.AddCityInventory();
        builder.AddTimeSeries();
        builder.AddPostgres();

        services.AddSingleton<EmbeddedBroker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddSingleton<LiveCityState>();
        services.AddSingleton<StoredStreamConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<StoredStreamConsumer>());
        services.AddHostedService<WallBroadcaster>();
        services.AddSignalR();
        services.AddHealthChecks().AddMqttCheck<StoredStreamConsumer>("following Ingest");
        return builder;
    }

    private static void AddPostgres(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Postgres is required (env ConnectionStrings__Postgres), e.g. Host=127.0.0.1;Port=5432;Username=opscenter;Password=...;Database=opscenter");
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddHostedService<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
    }

    public static WebApplication MapOpsCenterHubs(this WebApplication app)
    {
        app.MapHub<WallHub>(HubPaths.Wall);
        return app;
    }
}
