using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Trace;
using OpsCenter.LocalServices;
using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Tests.Telemetry;

/// <summary>
/// With tracing on, the Server's PostgreSQL commands show up as spans: its data source emits on Npgsql's activity source,
/// which the service defaults' tracer provider listens to.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class PostgresTracingTests(ServerFixture server)
{
    [Fact]
    public async Task With_an_OTLP_endpoint_a_query_on_the_Servers_data_source_is_a_span()
    {
        var ended = new ConcurrentQueue<Activity>();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "OpsCenter.Server" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
        });
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new EndedSpans(ended)));
        using var host = builder.Build();
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        var dataSource = server.Factory.Services.GetRequiredService<NpgsqlDataSource>();

        await using (var command = dataSource.CreateCommand("SELECT 42 AS tracing_marker"))
            Assert.Equal(42, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));

        // The in-process Server may run its own commands meanwhile; ours is the one carrying the marker.
        var spans = ended.Where(a => a.Source.Name == OpsCenterActivitySources.Npgsql).ToList();
        Assert.Contains(spans, span => span.Tags.Any(tag => tag.Value?.Contains("tracing_marker", StringComparison.Ordinal) == true));
    }

    /// <summary>Keeps ended spans in a queue the test can read while the in-process Server's own spans keep arriving.</summary>
    private sealed class EndedSpans(ConcurrentQueue<Activity> ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => ended.Enqueue(data);
    }
}
