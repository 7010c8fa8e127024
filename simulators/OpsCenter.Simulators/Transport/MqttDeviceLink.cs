using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>
/// One MQTT client per device, as a real camera or detector has, with a real device's store-and-forward: QoS 1
/// messages the broker did not acknowledge wait in a bounded outbox and go out again after the reconnect
/// (<see cref="StoreAndForward"/>). Reconnection is driven by <see cref="MaintainAsync"/> from a timer loop (ping, then
/// reconnect with exponential back-off), the way MQTTnet's authors recommend, rather than from the disconnected event.
/// </summary>
internal sealed class MqttDeviceLink(
    MqttClientFactory factory, BrokerSettings settings, string deviceId, string clientId, Func<ConnectMessages> composeConnect, IOutboxReport report)
    : IDeviceLink
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StoreAndForward _outbox = new(settings.OutboxCapacity, report);
    private IMqttClient? _client;
    private bool _wanted;
    private TimeSpan _backoff = FirstBackoff;
    private DateTimeOffset _nextAttempt;
    private DateTimeOffset _lastPing;

    public string DeviceId => deviceId;
    public bool IsConnected => _client?.IsConnected == true;
    public int Reconnects { get; private set; }

    /// <summary>QoS 1 messages waiting to be sent again.</summary>
    public int Waiting => _outbox.Waiting;

    public Task<PublishOutcome> ConnectAsync(ConnectMessages session, CancellationToken cancellationToken) =>
        ConnectAndForwardAsync(session, counted: true, cancellationToken);

    public async Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (settings.Qos == MqttQualityOfServiceLevel.AtMostOnce)
            return await SendAsync(message, cancellationToken) == SendAttempt.Acknowledged ? PublishOutcome.Acknowledged : PublishOutcome.Failed;
        return await _outbox.PublishAsync(message, m => SendAsync(m, cancellationToken));
    }

    public async Task DropAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _wanted = false;
            // Disposing without DisconnectAsync closes the socket with no DISCONNECT packet, which is what makes the
            // broker publish the Last Will. The outbox stays: a device keeps its queue across a power cut.
            _client?.Dispose();
            _client = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CloseAsync(OutboundMessage? goodbye, CancellationToken cancellationToken)
    {
        _wanted = false;
        await _outbox.StopAsync(m => SendAsync(m, cancellationToken));
        var client = _client;
        if (client is null)
            return;
        if (goodbye is not null)
            await SendAsync(goodbye, cancellationToken);
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // Already gone; a clean close is best effort.
        }
    }

    public async Task MaintainAsync(CancellationToken cancellationToken)
    {
        if (!_wanted)
            return;
        var now = DateTimeOffset.UtcNow;
        var client = _client;
        if (client is not null && client.IsConnected)
        {
            // A forward cut short by a hiccup that did not break the connection resumes here.
            await _outbox.ForwardAsync(m => SendAsync(m, cancellationToken));
            if (now - _lastPing < PingEvery)
                return;
            _lastPing = now;
            if (await client.TryPingAsync(cancellationToken))
                return;
        }
        if (now < _nextAttempt)
            return;
        Reconnects++;
        await ConnectAndForwardAsync(composeConnect(), counted: false, cancellationToken);
    }

    private async Task<PublishOutcome> ConnectAndForwardAsync(ConnectMessages session, bool counted, CancellationToken cancellationToken)
    {
        await OpenAsync(session.Will, cancellationToken);
        // Not connected, the online status is lost at once and, when counted, kept for the next reconnect.
        return await _outbox.ReconnectedAsync(session.Online, counted, m => SendAsync(m, cancellationToken));
    }

    private async Task OpenAsync(OutboundMessage will, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _wanted = true;
            _client?.Dispose();
            _client = factory.CreateMqttClient();
            var (username, password) = settings.CredentialsFor(deviceId);
            await _client.ConnectAsync(MqttOptions.For(settings, clientId, username, password, will), cancellationToken);
            _backoff = FirstBackoff;
            _lastPing = DateTimeOffset.UtcNow;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            ScheduleRetry();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SendAttempt> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is null || !client.IsConnected)
            return SendAttempt.Lost;
        try
        {
            var result = await client.PublishAsync(MqttOptions.Message(message, settings), cancellationToken);
            return result.IsSuccess ? SendAttempt.Acknowledged : SendAttempt.Refused;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            return SendAttempt.Lost;
        }
    }

    private void ScheduleRetry()
    {
        // Jitter spreads a whole fleet's reconnects after a broker restart.
        _nextAttempt = DateTimeOffset.UtcNow + _backoff * Random.Shared.Between(0.8, 1.2);
        _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _gate.Dispose();
        _outbox.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class MqttDeviceLinkFactory(BrokerSettings settings, string clientIdSuffix = "") : IDeviceLinkFactory
{
    private readonly MqttClientFactory _factory = new();

    public IDeviceLink Create(Contracts.Inventory.DeviceRecord device, Func<ConnectMessages> composeConnect, IOutboxReport report) =>
        new MqttDeviceLink(_factory, settings, device.Id, device.Id + clientIdSuffix, composeConnect, report);
}
