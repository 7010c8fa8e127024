using MQTTnet;
using MQTTnet.Formatter;
using OpsCenter.ServiceDefaults.Mqtt;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

internal static class MqttOptions
{
    public static MqttClientOptions For(BrokerSettings settings, string clientId, string? username, string? password, OutboundMessage? will)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null)
            builder = builder.WithCredentials(username, password ?? "");
        if (will is not null)
        {
            builder = builder
                .WithWillTopic(will.Topic)
                .WithWillPayload(will.Payload)
                .WithWillRetain(will.Retain)
                .WithWillQualityOfServiceLevel(settings.Qos);
        }
        return builder.BuildWithSocketBuffers();
    }

    public static MqttApplicationMessage Message(OutboundMessage message, BrokerSettings settings) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithRetainFlag(message.Retain)
            .WithQualityOfServiceLevel(settings.Qos)
            .Build();
}
