using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpsCenter.ServiceDefaults.Telemetry;

namespace OpsCenter.ServiceDefaults;

/// <summary>What every OpsCenter service wires the same way: health, liveness, metrics, and (when configured) traces and log export.</summary>
public static class ServiceDefaultsExtensions
{
    public const string LiveTag = "live";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.AddOpsCenterTelemetry();

        return builder;
    }

    /// <summary>
    /// <c>/alive</c>: the process answers (for restarts). <c>/health</c>: every dependency answers (for alerts and load
    /// balancers); 503 with a JSON body naming what is down. <c>/metrics</c>: Prometheus text.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteJson });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
