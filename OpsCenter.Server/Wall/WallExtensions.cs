using OpsCenter.ServiceDefaults;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Server.Wall;

public static class WallExtensions
{
    /// <summary>The live city state followed from Ingest's internal topics, its recovery on start and its freshness.</summary>
    public static IHostApplicationBuilder AddWall(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<MqttConnectionOptions>(MqttConnectionOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<LiveCityState>();
        services.AddSingleton<StoredStreamConsumer>();
        services.AddSingleton<LatestReadingsRecovery>();
        services.AddSingleton<WallFreshness>();
        services.AddSingleton<StoreWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreWatch>());
        services.AddHostedService(sp => sp.GetRequiredService<StoredStreamConsumer>());
        services.AddHealthChecks().AddMqttCheck<StoredStreamConsumer>("following Ingest");
        return builder;
    }
}
