using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MQTTnet.Server;
using OpsCenter.LocalServices;

namespace OpsCenter.Simulators.Tests.Support;

/// <summary>
/// A real MQTTnet broker in the test process on a free loopback port, recording what it receives.
/// The default limit of 250 pending messages per client drops messages under load, so it is raised.
/// </summary>
internal sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private long _received;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }
    public long Received => Interlocked.Read(ref _received);
    public ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> Messages { get; } = new();
    public bool KeepMessages { get; set; } = true;

    public static async Task<EmbeddedBroker> StartAsync(int? onPort = null)
    {
        var port = onPort ?? FreePort.Next();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            // A broker restarted on the same port must bind despite the old connections in TIME_WAIT.
            .WithDefaultEndpointReuseAddress()
            .WithMaxPendingMessagesPerClient(1_000_000)
            .Build();
        var server = factory.CreateMqttServer(options);
        var broker = new EmbeddedBroker(server, port);
        server.InterceptingPublishAsync += broker.OnPublish;
        await server.StartAsync();
        return broker;
    }

    public Task<IList<MQTTnet.MqttApplicationMessage>> RetainedAsync() => _server.GetRetainedMessagesAsync();

    private Task OnPublish(InterceptingPublishEventArgs e)
    {
        Interlocked.Increment(ref _received);
        if (KeepMessages)
            Messages.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
