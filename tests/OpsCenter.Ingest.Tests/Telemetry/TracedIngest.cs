using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using OpsCenter.Ingest.Mqtt;
using OpsCenter.Ingest.Pipeline;
using OpsCenter.Ingest.Tests.RealParts;
using OpsCenter.LocalServices;
using OpsCenter.ServiceDefaults;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.Telemetry;

/// <summary>
/// Ingest wired exactly as its Program wires it (service defaults + AddIngest), built but not started: no broker is
/// needed to hand the consumer a batch. InfluxDB's address has nothing listening, so batches go to the disk buffer.
/// Finished spans land in <see cref="Exported"/> through the in-memory exporter, added beside OTLP when tracing is on.
/// </summary>
public sealed class TracedIngest : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-tracing-").FullName;
    private readonly IHost _host;

    public TracedIngest(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "OpsCenter.Ingest", EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inventory:Path"] = TestCity.WriteTo(_folder, TestCity.Create()),
            ["Ingest:DataPath"] = Path.Combine(_folder, "ingest"),
            ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Influx:Database"] = "opscenter",
            ["Mqtt:ClientId"] = "tracing-test",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddIngest();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Exported));
        _host = builder.Build();
    }

    public List<Activity> Exported { get; } = [];

    /// <summary>
    /// A started host builds its tracer provider at start-up; this one is never started, so tests that trace ask for it.
    /// Only those tests may: a tracer provider is a process-wide listener.
    /// </summary>
    public TracerProvider? StartTracing() => _host.Services.GetService<TracerProvider>();
    public DeviceMessageConsumer Consumer => _host.Services.GetRequiredService<DeviceMessageConsumer>();
    public IServiceProvider Services => _host.Services;

    /// <summary>A message as the consumer would receive it; its acknowledgement records which span was current then.</summary>
    public static IncomingMessage Message(string topic, string payload, DateTimeOffset receivedAt, List<string?> currentSpanAtAck)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return new IncomingMessage(topic, bytes, bytes.Length, receivedAt, TimeProvider.System.GetTimestamp(), (_, _) =>
        {
            lock (currentSpanAtAck)
                currentSpanAtAck.Add(Activity.Current?.OperationName);
            return Task.CompletedTask;
        });
    }

    /// <summary>One accepted reading, the same again (a duplicate) and a malformed payload (a rejection).</summary>
    public static List<IncomingMessage> MixedBatch(DateTimeOffset receivedAt, List<string?> currentSpanAtAck)
    {
        const string device = "tfd-lechan-01";
        var reading = TrafficLoad.Payload(device, 1, receivedAt.AddSeconds(-2));
        return
        [
            Message(TrafficLoad.Topic(device), reading, receivedAt, currentSpanAtAck),
            Message(TrafficLoad.Topic(device), reading, receivedAt.AddMilliseconds(1), currentSpanAtAck),
            Message(TrafficLoad.Topic(device), "{\"deviceId\":", receivedAt.AddMilliseconds(2), currentSpanAtAck),
        ];
    }

    public static string LoopbackUrl() => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort.Next()}");

    public void Dispose()
    {
        _host.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A buffer file still held open must not fail the test.
        }
    }
}
