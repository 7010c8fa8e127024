using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpsCenter.Ingest.Buffering;

namespace OpsCenter.Ingest;

internal sealed class BufferHealthCheck(DurableStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.BufferedBytes == 0
            ? HealthCheckResult.Healthy("on-disk buffer empty")
            : HealthCheckResult.Degraded($"{store.BufferedBytes} bytes waiting in the on-disk buffer"));
}
