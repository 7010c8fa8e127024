using OpsCenter.Bench.Measuring;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench;

/// <summary>
/// The broker a run measures: "embedded" is the MQTTnet broker as the product runs it, the OpsCenter.Broker process
/// (Release build), or Debian's mosquitto. Both are their own process, apart from the publisher, and both accept anonymous
/// clients: the bench measures the message path, not device sign-in.
/// </summary>
public sealed class BrokerUnderTest : IAsyncDisposable
{
    private ServiceProcess? _embedded;
    private MosquittoServer? _mosquitto;
    private string? _folder;

    public required string Kind { get; init; }
    public int Port { get; private set; }

    /// <summary>The processes whose CPU is the broker's and the publisher's.</summary>
    public IEnumerable<(string Name, int? Pid)> Processes() =>
        [("bench (publisher)", Environment.ProcessId), (_mosquitto is not null ? "mosquitto" : "OpsCenter.Broker", Pid)];

    /// <summary>The broker's own process.</summary>
    public int? Pid => _mosquitto?.Pid ?? _embedded?.Pid;

    public static async Task<BrokerUnderTest> StartAsync(string kind)
    {
        var broker = new BrokerUnderTest { Kind = kind };
        if (kind == "embedded")
        {
            broker.Port = FreePort.Next();
            broker._folder = Directory.CreateTempSubdirectory("opscenter-bench-broker-").FullName;
            var environment = new Dictionary<string, string?>
            {
                ["Broker__Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Broker__BindAddress"] = "127.0.0.1",
                ["Broker__RequireDeviceCredentials"] = "false",
                // No wait for Ingest at start: the broker-only rounds run without one.
                ["Broker__HoldDevicesForIngestSeconds"] = "0",
                ["Logging__LogLevel__Default"] = "Warning",
            };
            EnvironmentOverrides.AddTo(environment, "BENCH_BROKER_ENV");
            broker._embedded = new ServiceProcess("OpsCenter.Broker", environment, broker._folder);
            await broker._embedded.StartAsync();
        }
        else
        {
            broker._mosquitto = await MosquittoServer.StartNewAsync(new MosquittoOptions());
            broker.Port = broker._mosquitto.Port;
        }
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
            await _embedded.DisposeAsync();
        if (_mosquitto is not null)
            await _mosquitto.DisposeAsync();
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }
}
