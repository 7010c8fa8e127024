using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace OpsCenter.ServiceDefaults.Telemetry;

/// <summary>
/// Settings section <c>Telemetry</c>: where traces, metrics and logs go over OTLP. No endpoint (the default) means no
/// export and no tracing at all; <c>/metrics</c> for Prometheus works either way.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The standard OpenTelemetry variables, honoured when <c>Telemetry:OtlpEndpoint</c> is not set.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The collector's base URL, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> (HTTP).</summary>
    [HttpUrl(ErrorMessage = "Telemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:4317.")]
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (port 4317 by convention) or <c>HttpProtobuf</c> (4318; signal paths such as /v1/traces are appended).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The endpoint to export to, or null when export is off or the setting is malformed (start-up validation reports that).</summary>
    public Uri? ExportEndpoint => HttpUrlAttribute.TryParse(OtlpEndpoint, out var url) ? url : null;

    /// <summary>Reads the section, falling back to the standard variables, before the host is built (export decides what gets registered).</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.ApplyStandardVariables(configuration);
        return options;
    }

    internal void ApplyStandardVariables(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint))
            return;
        OtlpEndpoint = configuration[StandardEndpointVariable];
        if (configuration[StandardProtocolVariable] is "http/protobuf")
            OtlpProtocol = OtlpExportProtocol.HttpProtobuf;
    }
}
