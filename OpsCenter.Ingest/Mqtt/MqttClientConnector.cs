using MQTTnet;
using MQTTnet.Formatter;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>Builds the ingest's MQTT 5 session: persistent (clean start off), so the broker keeps QoS 1 messages for us while we are down.</summary>
internal static class MqttClientConnector
{
    public const uint SessionExpirySeconds = 24 * 3600;

    public static MqttClientOptions Options(MqttConnectionOptions mqtt)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId(mqtt.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(SessionExpirySeconds)
            .WithReceiveMaximum(ushort.MaxValue)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(mqtt.Username))
            builder.WithCredentials(mqtt.Username, mqtt.Password);
        return builder.Build();
    }
}
