using MQTTnet;
using MQTTnet.Formatter;

namespace OpsCenter.ServiceDefaults.Mqtt;

public static class MqttConnectionOptionsExtensions
{
    /// <summary>
    /// The MQTT 5 client options every service starts from: the configured broker, keep-alive and credentials, under
    /// <c>{ClientId}{clientIdSuffix}</c>. Callers add what their session needs (persistence, receive maximum)
    /// and build with <see cref="MqttSocketBuffers.BuildWithSocketBuffers"/>.
    /// </summary>
    public static MqttClientOptionsBuilder ClientOptions(this MqttConnectionOptions mqtt, string clientIdSuffix = "")
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId(mqtt.ClientId + clientIdSuffix)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(mqtt.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(mqtt.Username))
            builder.WithCredentials(mqtt.Username, mqtt.Password);
        return builder;
    }
}
