using MQTTnet;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>
/// One MQTT client per device, as a real camera or detector has. Reconnection is driven by
/// <see cref="MaintainAsync"/> from a timer loop (ping, then reconnect with exponential back-off),
/// the way MQTTnet's authors recommend, rather than from the disconnected event.
/// </summary>
internal sealed class MqttDeviceLink(
    MqttClientFactory factory, BrokerSettings settings, string deviceId, string clientId, Func<ConnectMessages> composeConnect) : IDeviceLink
{
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IMqttClient? _client;
    private bool _wanted;
    private TimeSpan _backoff = TimeSpan.FromSeconds(1);
    private DateTimeOffset _nextAttempt;
    private DateTimeOffset _lastPing;

    public string DeviceId => deviceId;
    public bool IsConnected => _client?.IsConnected == true;
    public int Reconnects { get; private set; }

    public async Task<bool> ConnectAsync(ConnectMessages session, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _wanted = true;
            _client?.Dispose();
            _client = factory.CreateMqttClient();
            var (username, password) = settings.CredentialsFor(deviceId);
            await _client.ConnectAsync(MqttOptions.For(settings, clientId, username, password, session.Will), cancellationToken);
            var published = await _client.PublishAsync(MqttOptions.Message(session.Online, settings), cancellationToken);
            _backoff = TimeSpan.FromSeconds(1);
            _lastPing = DateTimeOffset.UtcNow;
            return published.IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            ScheduleRetry();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var client = _client;
        if (client is null || !client.IsConnected)
            return false;
        try
        {
            var result = await client.PublishAsync(MqttOptions.Message(message, settings), cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            return false;
        }
    }

    public async Task DropAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _wanted = false;
            // Disposing without DisconnectAsync closes the socket with no DISCONNECT packet,
            // which is what makes the broker publish the Last Will.
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
        var client = _client;
        if (client is null)
            return;
        if (goodbye is not null)
            await PublishAsync(goodbye, cancellationToken);
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
            if (now - _lastPing < PingEvery)
                return;
            _lastPing = now;
            if (await client.TryPingAsync(cancellationToken))
                return;
        }
        if (now < _nextAttempt)
            return;
        Reconnects++;
        await ConnectAsync(composeConnect(), cancellationToken);
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
        return ValueTask.CompletedTask;
    }
}

internal sealed class MqttDeviceLinkFactory(BrokerSettings settings, string clientIdSuffix = "") : IDeviceLinkFactory
{
    private readonly MqttClientFactory _factory = new();

    public IDeviceLink Create(Contracts.Inventory.DeviceRecord device, Func<ConnectMessages> composeConnect) =>
        new MqttDeviceLink(_factory, settings, device.Id, device.Id + clientIdSuffix, composeConnect);
}
