using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.Broker.Hosting;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Broker.Tests;

/// <summary>A subscriber away for longer than its queue covers: what is lost is the oldest, and it is reported.</summary>
public sealed class QueueOverflowTests : IAsyncLifetime
{
    private const int QueueLimit = 1_000;
    private const int Published = 1_200;
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-broker-overflow-").FullName;
    private readonly int _port = FreePort.Next();
    private WebApplication _broker = null!;

    [Fact]
    public async Task A_full_queue_loses_its_oldest_messages_and_the_broker_says_so()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var away = new MqttClientFactory().CreateMqttClient())
        {
            await away.ConnectAsync(Options("slow-subscriber", cleanStart: true), ct);
            await away.SubscribeAsync("overflow/#", MqttQualityOfServiceLevel.AtLeastOnce, ct);
            await away.DisconnectAsync(cancellationToken: ct);
        }
        var health = _broker.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(ct)).Status);

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(Options("publisher", cleanStart: true), ct);
        for (var i = 0; i < Published; i++)
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("overflow/reading").WithPayload(i.ToString())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);

        Assert.Equal(Published - QueueLimit, _broker.Services.GetRequiredService<QueueOverflowWatch>().Dropped);
        var report = await health.CheckHealthAsync(ct);
        Assert.Equal(HealthStatus.Degraded, report.Status);
        var description = report.Entries["broker"].Description ?? "";
        Assert.Contains("slow-subscriber", description);
        Assert.Contains("Broker:MaxPendingMessagesPerClient", description);
        using (var http = new HttpClient { BaseAddress = new Uri(_broker.Urls.First()) })
        {
            var metrics = await http.GetStringAsync("/metrics", ct);
            Assert.Matches($@"(?m)^opscenter_broker_queued_dropped_total\{{[^}}]*\}} {Published - QueueLimit}( |$)", metrics);
        }

        // Back again: the newest QUEUE_LIMIT messages, in order.
        var received = new List<int>();
        var all = new TaskCompletionSource();
        using var back = new MqttClientFactory().CreateMqttClient();
        back.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add(int.Parse(e.ApplicationMessage.ConvertPayloadToString()));
                if (received.Count == QueueLimit)
                    all.TrySetResult();
            }
            return Task.CompletedTask;
        };
        await back.ConnectAsync(Options("slow-subscriber", cleanStart: false), ct);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal(Enumerable.Range(Published - QueueLimit, QueueLimit), received);
    }

    private MqttClientOptions Options(string clientId, bool cleanStart) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port)
        .WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(cleanStart)
        .WithSessionExpiryInterval(3_600).Build();

    public async ValueTask InitializeAsync() => _broker = await InProcessBroker.StartAsync(_folder, _port, new Dictionary<string, string?>
    {
        ["Broker:BindAddress"] = "127.0.0.1",
        ["Broker:HoldDevicesForIngestSeconds"] = "0",
        ["Broker:MaxPendingMessagesPerClient"] = QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
