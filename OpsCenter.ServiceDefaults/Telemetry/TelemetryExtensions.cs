using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OpsCenter.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics always (Prometheus <c>/metrics</c>). Tracing and log export only with an OTLP endpoint configured: when it
    /// is off no tracer provider exists, so nothing listens to OpsCenter's activity sources and
    /// <see cref="System.Diagnostics.ActivitySource.StartActivity(string, System.Diagnostics.ActivityKind)"/> returns
    /// null on the hot path; no OpenTelemetry logger is added either.
    /// </summary>
    public static IHostApplicationBuilder AddOpsCenterTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section)
            .PostConfigure<Microsoft.Extensions.Configuration.IConfiguration>((options, configuration) => options.ApplyStandardVariables(configuration));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OpsCenterMeters.All)
                .AddPrometheusExporter());

        var options = TelemetryOptions.From(builder.Configuration);
        if (options.ExportEndpoint is not { } endpoint)
            return builder;

        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(OpsCenterActivitySources.All))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                // Structured: the template's values travel as attributes; the formatted text and scopes ride along
                // so a log line reads the same in the collector as on the console.
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .UseOtlpExporter(options.OtlpProtocol, endpoint);
        return builder;
    }

    /// <summary>Health probes and Prometheus scrapes arrive every few seconds; as spans they would bury the real requests.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
