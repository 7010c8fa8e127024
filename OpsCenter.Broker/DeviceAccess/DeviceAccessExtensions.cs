using OpsCenter.ServiceDefaults;
using OpsCenter.Broker.Hosting;

namespace OpsCenter.Broker.DeviceAccess;

public static class DeviceAccessExtensions
{
    /// <summary>Broker accounts (devices and services), their secrets on disk, and the topic ACL the broker enforces.</summary>
    public static IHostApplicationBuilder AddDeviceAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BrokerSecurityOptions>(BrokerOptions.Section);
        builder.Services.AddCityInventory();
        builder.Services.AddSingleton<MqttAccountRegistry>();
        builder.Services.AddSingleton<BrokerAccessControl>();
        return builder;
    }
}
