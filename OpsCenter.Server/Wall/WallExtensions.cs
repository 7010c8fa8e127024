using OpsCenter.Contracts.Hubs;
using OpsCenter.ServiceDefaults;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Server.Wall;

public static class WallExtensions
{
    /// <summary>The live city state followed from Ingest's internal topics, and its push to wall screens.</summary>
    public static IHostApplicationBuilder AddWall(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<MqttConnectionOptions>(MqttConnectionOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<LiveCityState>();
        services.AddSingleton<StoredStreamConsumer>();
        services.AddSingleton<LatestReadingsRecovery>();
        services.AddSingleton<WallFreshness>();
        services.AddHostedService(sp => sp.GetRequiredService<StoredStreamConsumer>());
        services.AddHostedService<WallBroadcaster>();
        services.AddSignalR();
        services.AddHealthChecks().AddMqttCheck<StoredStreamConsumer>("following Ingest");
        return builder;
    }

    public static IEndpointRouteBuilder MapWall(this IEndpointRouteBuilder app)
    {
        app.MapHub<WallHub>(HubPaths.Wall);
        app.MapCityApi();
        return app;
    }
}
