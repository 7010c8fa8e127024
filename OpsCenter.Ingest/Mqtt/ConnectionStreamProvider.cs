using System.Net;
using System.Net.Sockets;
using MQTTnet.Channel;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// Opens the consumer's TCP connection the way MQTTnet would (no Nagle delay) and gives MQTTnet a
/// <see cref="ReadBufferedStream"/> over it, reading only while <paramref name="budget"/> (if any) has room, through which
/// a batch's acknowledgements are written at once (<see cref="AcknowledgingStream"/>). TLS, when configured, is still
/// layered on top by MQTTnet.
/// </summary>
internal sealed class ConnectionStreamProvider(ReadBudget? budget = null) : IMqttClientStreamProvider
{
    private AcknowledgingStream? _current;

    /// <summary>The latest connection's stream: the messages it delivers are acknowledged through it.</summary>
    public AcknowledgingStream? Current => Volatile.Read(ref _current);

    public async Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(brokerEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var stream = new AcknowledgingStream(new ReadBufferedStream(new NetworkStream(socket, ownsSocket: true), budget: budget));
        Volatile.Write(ref _current, stream);
        return stream;
    }
}
