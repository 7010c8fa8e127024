using System.Net;
using System.Net.Sockets;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace OpsCenter.Broker.Transport;

/// <summary>
/// The broker's TCP listener, in place of MQTTnet's: it listens on exactly the configured address and serves each
/// connection through a <see cref="BufferedSocketChannel"/>. MQTTnet's own listener also opens an IPv6 listener on
/// every interface unless told otherwise, so a broker bound to 127.0.0.1 was reachable from the network over IPv6.
/// Plain TCP only: the broker has no TLS endpoint.
/// </summary>
internal sealed partial class BrokerTcpListener(IPEndPoint endpoint, ILogger logger) : IMqttServerAdapter
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private Socket? _socket;
    private CancellationTokenSource? _stopping;
    private MqttServerOptions _options = null!;
    private IMqttNetLogger _mqttLogger = null!;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger mqttLogger)
    {
        if (options.TlsEndpointOptions?.IsEnabled == true)
            throw new NotSupportedException("The broker's listener serves plain TCP only; put TLS in front of it.");
        _options = options;
        _mqttLogger = mqttLogger;
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(options.DefaultEndpointOptions.ConnectionBacklog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _stopping = new CancellationTokenSource();
        _ = AcceptAsync(socket, _stopping.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _stopping?.Cancel();
        _socket?.Dispose();
        _socket = null;
    }

    private async Task AcceptAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors, say: keep the listener, and do not spin while the cause lasts.
                LogAcceptFailed(e.SocketErrorCode);
                try
                {
                    await Task.Delay(AcceptRetryDelay, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                continue;
            }
            _ = Task.Run(() => ServeAsync(client), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            client.NoDelay = _options.DefaultEndpointOptions.NoDelay;
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(_options.WriterBufferSize, _options.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(new BufferedSocketChannel(client), formatter, _mqttLogger)
            {
                AllowPacketFragmentation = _options.DefaultEndpointOptions.AllowPacketFragmentation,
            };
            if (ClientHandler is { } handler)
                await handler(adapter);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The client went away before or while it was handed over: nothing of the broker's state is affected.
            LogConnectionEnded(e.Message);
        }
        catch (Exception e)
        {
            LogConnectionFailed(e);
        }
        finally
        {
            client.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting an MQTT connection failed ({Error}); retrying")]
    private partial void LogAcceptFailed(SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An MQTT connection ended while being set up: {Error}")]
    private partial void LogConnectionEnded(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Serving an MQTT connection failed")]
    private partial void LogConnectionFailed(Exception exception);
}
