using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

public sealed class InfluxHealthCheck(InfluxQlClient influxQl, IOptions<InfluxOptions> options, InfluxWriteHealth writes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // A refused write outranks a successful ping: /ping needs no credentials and no database.
        if (writes.Problem is { } problem)
            return HealthCheckResult.Unhealthy(problem);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        return await influxQl.PingAsync(timeout.Token)
            ? HealthCheckResult.Healthy($"InfluxDB answers at {options.Value.Url}")
            : HealthCheckResult.Unhealthy($"InfluxDB does not answer at {options.Value.Url}");
    }
}
