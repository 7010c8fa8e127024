using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Ingest.Api;
using OpsCenter.Ingest.Buffering;
using OpsCenter.Ingest.DeadLetters;
using OpsCenter.Ingest.Liveness;
using OpsCenter.Ingest.Mqtt;
using OpsCenter.Ingest.Pipeline;
using OpsCenter.Ingest.Registry;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.Ingest.Validation;
using OpsCenter.ServiceDefaults;
using OpsCenter.ServiceDefaults.Mqtt;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest;

public static class IngestExtensions
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.AddCityInventory();
        services.AddValidatedOptions<MqttConnectionOptions>(MqttConnectionOptions.Section);
        builder.AddTimeSeries();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MessageValidator(TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<IngestOptions>>().Value.LateAfterSeconds)));
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<DuplicateFilter>(_ => new DuplicateFilter());
        services.AddSingleton<LivenessTracker>();
        services.AddSingleton<LivenessRecovery>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<RefusedLineDeadLetters>();
        services.AddSingleton<InfluxBatchWriter>();
        services.AddSingleton<DurableStore>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<DeviceMessageConsumer>();
        services.AddSingleton<ServerAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ServerAnnouncer>());
        services.AddHostedService<InfluxStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceMessageConsumer>());
        services.AddHealthChecks()
            .AddMqttCheck<DeviceMessageConsumer>("device messages")
            .AddCheck<BufferHealthCheck>("buffer");
        return builder;
    }

    public static WebApplication MapIngestApi(this WebApplication app)
    {
        app.MapDeadLetterApi();
        app.MapDeviceApi();
        return app;
    }
}
