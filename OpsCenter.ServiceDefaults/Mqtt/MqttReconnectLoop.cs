using Microsoft.Extensions.Logging;
using MQTTnet;

namespace OpsCenter.ServiceDefaults.Mqtt;

/// <summary>
/// Keeps one MQTT client connected until the service stops: a timer loop checks the connection and reconnects with
/// back-off (as MQTTnet's authors advise, rather than reconnecting from the disconnected event), calling
/// <paramref name="onConnected"/> after each connect to subscribe again.
/// </summary>
public static partial class MqttReconnectLoop
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(IMqttClient client, MqttClientOptions options, Func<MqttClientConnectResult, CancellationToken, Task> onConnected,
        ILogger logger, TimeProvider clock, CancellationToken stoppingToken)
    {
        var delay = FirstDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    var result = await client.ConnectAsync(options, stoppingToken);
                    await onConnected(result, stoppingToken);
                    delay = FirstDelay;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogConnectFailed(logger, Endpoint(options), ex.Message, delay.TotalSeconds);
                    delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, MaxDelay.TotalSeconds));
                }
            }
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    private static string Endpoint(MqttClientOptions options) =>
        options.ChannelOptions is MqttClientTcpOptions { RemoteEndpoint: { } endpoint } ? endpoint.ToString() ?? "broker" : "broker";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to MQTT broker {Endpoint}: {Error}; retrying in {DelaySeconds} s")]
    private static partial void LogConnectFailed(ILogger logger, string endpoint, string error, double delaySeconds);
}
