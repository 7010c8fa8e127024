using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using OpsCenter.Server.Security.Devices;

namespace OpsCenter.Server.Broker;

/// <summary>The MQTT broker hosted by the Server when <see cref="BrokerOptions.Embedded"/> is on.</summary>
public sealed partial class EmbeddedBroker(IOptions<BrokerOptions> options, BrokerAccessControl accessControl, ILogger<EmbeddedBroker> logger) : IHostedService, IDisposable
{
    private MqttServer? _server;

    public bool IsRunning => _server?.IsStarted ?? false;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Embedded)
            return;
        if (!IPAddress.TryParse(settings.BindAddress, out var address))
            throw new InvalidOperationException($"Broker:BindAddress '{settings.BindAddress}' is not an IP address.");

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        // Before start: no client may connect before sign-in and topic rules are in place.
        accessControl.AttachTo(_server);
        await _server.StartAsync();
        LogStarted(settings.BindAddress, settings.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
            await _server.StopAsync();
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private partial void LogStarted(string address, int port);
}
