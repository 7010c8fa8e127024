using MQTTnet;

namespace OpsCenter.ServiceDefaults.Mqtt;

/// <summary>
/// The socket buffers every OpsCenter MQTT client connects with. MQTTnet sets a socket's send and receive buffers to its
/// <c>BufferSize</c>, 8 KiB unless told otherwise, which also switches off Linux's buffer auto-tuning: 16 messages of
/// 1.5 MB to mosquitto then took 13.5 s, and 43 ms with 256 KiB (measured 2026-12-01, docs/benchmarks.md). Ingest's
/// announcements to the Server are that large after an outage, and a backlog arrives 8 KiB per read.
/// Set after <c>Build()</c>: MQTTnet's builder makes new TCP options when it applies the endpoint.
/// </summary>
public static class MqttSocketBuffers
{
    public const int Bytes = 256 * 1024;

    public static MqttClientOptions BuildWithSocketBuffers(this MqttClientOptionsBuilder builder)
    {
        var options = builder.Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
            tcp.BufferSize = Bytes;
        return options;
    }
}
