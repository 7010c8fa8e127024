using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsCenter.ServiceDefaults.Mqtt;

/// <summary>Something that holds an MQTT connection the service cannot work without.</summary>
public interface IMqttConnected
{
    bool IsConnected { get; }
}

public static class MqttHealthCheckExtensions
{
    /// <summary>Adds the <c>mqtt</c> health check: healthy while <typeparamref name="T"/>'s connection is up.</summary>
    public static IHealthChecksBuilder AddMqttCheck<T>(this IHealthChecksBuilder builder, string what) where T : class, IMqttConnected =>
        builder.Add(new HealthCheckRegistration("mqtt", sp => new MqttHealthCheck(sp.GetRequiredService<T>(), what), null, null));

    private sealed class MqttHealthCheck(IMqttConnected connection, string what) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(connection.IsConnected
                ? HealthCheckResult.Healthy($"connected to the MQTT broker ({what})")
                : HealthCheckResult.Unhealthy($"not connected to the MQTT broker ({what})"));
    }
}
