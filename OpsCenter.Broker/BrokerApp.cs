using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Broker.Hosting;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Broker;

/// <summary>
/// The broker process: MQTT listener, device sign-in and topic ACL, retained messages kept on disk, and the usual
/// <c>/alive</c>, <c>/health</c>, <c>/metrics</c>. Built here rather than in <c>Program</c> so tests can host it in process.
/// </summary>
public static class BrokerApp
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddDeviceAccess();
        builder.AddEmbeddedBroker();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        return app;
    }
}
