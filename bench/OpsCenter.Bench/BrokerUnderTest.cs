using System.Net;
using MQTTnet.Server;
using OpsCenter.LocalServices;

namespace OpsCenter.Bench;

/// <summary>The broker a run measures: MQTTnet embedded (as the Server hosts it) or Debian's mosquitto.</summary>
public sealed class BrokerUnderTest : IAsyncDisposable
{
    private MqttServer? _embedded;
    private MosquittoServer? _mosquitto;

    public required string Kind { get; init; }
    public int Port { get; private set; }

    /// <summary>The processes whose CPU is the broker's and the publisher's: the embedded broker runs inside the bench.</summary>
    public IEnumerable<(string Name, int? Pid)> Processes() => _mosquitto is not null
        ? [("bench (publisher)", Environment.ProcessId), ("mosquitto", _mosquitto.Pid)]
        : [("bench (publisher + embedded broker)", Environment.ProcessId)];

    /// <summary>The broker's own process, when it has one.</summary>
    public int? Pid => _mosquitto?.Pid;

    public static async Task<BrokerUnderTest> StartAsync(string kind)
    {
        var broker = new BrokerUnderTest { Kind = kind };
        if (kind == "embedded")
        {
            broker.Port = FreePort.Next();
            // The same settings as OpsCenter.Broker's EmbeddedBroker.
            var options = new MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointPort(broker.Port).WithPersistentSessions().WithMaxPendingMessagesPerClient(1_000_000).Build();
            broker._embedded = new MqttServerFactory().CreateMqttServer(options);
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
        {
            await _embedded.StopAsync();
            _embedded.Dispose();
        }
        if (_mosquitto is not null)
            await _mosquitto.DisposeAsync();
    }
}
