using System.Diagnostics;
using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Bench;

/// <summary>
/// Publishes valid traffic messages at QoS 1 from several connections with several publishes in flight on each, either
/// as fast as the broker acknowledges or paced to a target rate. Records when each (device, seq) was sent.
/// </summary>
public sealed class LoadPublisher(int port, IReadOnlyList<string> devices, int connections = 4, int inFlightPerConnection = 64)
{
    public long[] SentAtTicks { get; private set; } = [];

    public static string Topic(string device) => $"ops/v1/traffic/{device}/telemetry";

    public static byte[] Payload(string device, long seq, DateTimeOffset ts) => System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"deviceId":"{{device}}","ts":"{{ts:yyyy-MM-ddTHH:mm:ss.fffZ}}","seq":{{seq}},"periodSeconds":60,"laneId":1,"intensity":{{seq % 90}},"occupancy":0.42,"averageVehicleSpeed":{{20 + (seq % 40)}}.5,"congested":false}"""));

    /// <summary>Sends messages 0..count-1; message i comes from device i % devices and has seq seqOffset + i. Returns the elapsed time.</summary>
    public async Task<TimeSpan> RunAsync(int count, double? ratePerSecond = null, long seqOffset = 0, CancellationToken cancellationToken = default)
    {
        SentAtTicks = new long[count];
        var clients = new List<IMqttClient>();
        for (var c = 0; c < connections; c++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"bench-pub-{c}-{Guid.NewGuid():N}")
                .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).BuildWithSocketBuffers(), cancellationToken);
            clients.Add(client);
        }

        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = new List<Task>();
        foreach (var client in clients)
        {
            for (var w = 0; w < inFlightPerConnection; w++)
            {
                workers.Add(Task.Run(async () =>
                {
                    while (true)
                    {
                        var i = Interlocked.Increment(ref next);
                        if (i >= count)
                            return;
                        if (ratePerSecond is { } rate)
                        {
                            var due = TimeSpan.FromSeconds(i / rate);
                            var wait = due - clock.Elapsed;
                            if (wait > TimeSpan.FromMilliseconds(1))
                                await Task.Delay(wait, cancellationToken);
                        }
                        var device = devices[i % devices.Count];
                        var message = new MqttApplicationMessageBuilder().WithTopic(Topic(device))
                            .WithPayload(Payload(device, seqOffset + i, start.AddMilliseconds(i / devices.Count)))
                            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                        SentAtTicks[i] = Stopwatch.GetTimestamp();
                        var result = await client.PublishAsync(message, cancellationToken);
                        if (!result.IsSuccess)
                            throw new InvalidOperationException($"publish {i} failed: {result.ReasonCode}");
                    }
                }, cancellationToken));
            }
        }
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        foreach (var client in clients)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            client.Dispose();
        }
        return elapsed;
    }
}
