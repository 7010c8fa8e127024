using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCenter.ServiceDefaults.Telemetry;

namespace OpsCenter.Ingest.Tests.Telemetry;

/// <summary>The OTLP endpoint is checked at start-up: a typo stops the service instead of silently exporting nowhere.</summary>
public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "localhost:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://127.0.0.1:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "not a url")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "127.0.0.1:4317")]
    public void A_malformed_endpoint_is_rejected_naming_the_setting(string key, string value)
    {
        using var ingest = new TracedIngest(new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => ingest.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Telemetry:OtlpEndpoint", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "http://127.0.0.1:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "https://127.0.0.1:4318")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")]
    public void A_well_formed_endpoint_switches_export_on(string key, string value)
    {
        using var ingest = new TracedIngest(new Dictionary<string, string?> { [key] = value });

        var options = ingest.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        Assert.Equal(new Uri(value), options.ExportEndpoint);
    }
}
