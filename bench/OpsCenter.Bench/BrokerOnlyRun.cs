using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OpsCenter.Bench;

/// <summary>
/// The ceiling: the broker's own publish→subscribe rate at QoS 1 with one subscriber and no ingest work behind it,
/// the same publisher and messages as the ingest run.
/// </summary>
public static class BrokerOnlyRun
{
    public static async Task<double> MeasureAsync(BrokerUnderTest broker, IReadOnlyList<string> devices, int count)
    {
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        var received = 0;
        var done = new TaskCompletionSource();
        long firstTicks = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == 1)
                firstTicks = Stopwatch.GetTimestamp();
            if (received == count)
                done.TrySetResult();
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-sub")
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).WithReceiveMaximum(ushort.MaxValue).Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("ops/v1/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

        var publisher = new LoadPublisher(broker.Port, devices);
        var started = Stopwatch.GetTimestamp();
        await publisher.RunAsync(count);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await subscriber.DisconnectAsync();
        return count / seconds;
    }
}
