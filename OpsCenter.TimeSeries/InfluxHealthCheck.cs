using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

public sealed class InfluxHealthCheck(InfluxQlClient influxQl, IOptions<InfluxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        return await influxQl.PingAsync(timeout.Token)
            ? HealthCheckResult.Healthy($"InfluxDB answers at {options.Value.Url}")
            : HealthCheckResult.Unhealthy($"InfluxDB does not answer at {options.Value.Url}");
    }
}
