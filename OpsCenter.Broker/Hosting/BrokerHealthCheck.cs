using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsCenter.Broker.Hosting;

internal sealed class BrokerHealthCheck(EmbeddedBroker broker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(broker.IsRunning
            ? HealthCheckResult.Healthy($"listening, {broker.ConnectedClients} clients connected")
            : HealthCheckResult.Unhealthy("the MQTT listener is not running"));
}
