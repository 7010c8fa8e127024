using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpsCenter.Broker.Hosting;

internal sealed class BrokerHealthCheck(EmbeddedBroker broker, QueueOverflowWatch overflow) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!broker.IsRunning ? HealthCheckResult.Unhealthy("the MQTT listener is not running")
            : overflow.RecentProblem is { } dropped ? HealthCheckResult.Degraded($"listening, {broker.ConnectedClients} clients connected; {dropped}")
            : HealthCheckResult.Healthy($"listening, {broker.ConnectedClients} clients connected"));
}
