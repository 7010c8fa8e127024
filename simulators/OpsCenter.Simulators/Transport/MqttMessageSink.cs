using MQTTnet;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>
/// Several shared MQTT connections, chosen by device. One connection serialises its writes, so
/// load and backfill spread over a few to reach thousands of messages per second.
/// </summary>
internal sealed class MqttMessageSink(BrokerSettings settings, string clientIdPrefix, int connections) : IMessageSink
{
    private readonly MqttClientFactory _factory = new();
    private readonly List<IMqttClient> _clients = [];

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Math.Max(1, connections); i++)
        {
            var client = _factory.CreateMqttClient();
            var clientId = $"{clientIdPrefix}-{i}";
            string? refusal;
            try
            {
                var connected = await client.ConnectAsync(MqttOptions.For(settings, clientId, settings.Username, settings.Password, will: null), cancellationToken);
                refusal = connected.ResultCode == MqttClientConnectResultCode.Success ? null : connected.ResultCode.ToString();
            }
            catch (MQTTnet.Adapter.MqttConnectingFailedException e)
            {
                refusal = e.Message;
            }
            if (refusal is not null)
            {
                // MQTTnet answers some refusals with a result and others with an exception; both end the run here.
                client.Dispose();
                throw new InvalidOperationException(
                    $"The broker at {settings.Host}:{settings.Port} refused the shared connection {clientId} as {settings.Username ?? "(anonymous)"} " +
                    $"({refusal}). Give --username/--password, or --data DIR of the run command for its {BrokerSettings.SimulatorAccount} account.");
            }
            _clients.Add(client);
        }
    }

    public async Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        // One device always uses the same connection, so its messages arrive in sequence.
        var client = _clients[(int)((uint)DeterministicSeed.For(0, message.DeviceId) % (uint)_clients.Count)];
        try
        {
            var result = await client.PublishAsync(MqttOptions.Message(message, settings), cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Closing anyway.
            }
            client.Dispose();
        }
    }
}
