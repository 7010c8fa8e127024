using OpsCenter.ServiceDefaults;

namespace OpsCenter.Broker.Hosting;

public static class BrokerHostingExtensions
{
    /// <summary>The MQTTnet broker as a hosted service, with its health check. Needs <c>AddDeviceAccess</c>.</summary>
    public static IHostApplicationBuilder AddEmbeddedBroker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddValidatedOptions<BrokerOptions>(BrokerOptions.Section);
        builder.Services.AddSingleton<QueueOverflowWatch>();
        builder.Services.AddSingleton<EmbeddedBroker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker");
        return builder;
    }
}
