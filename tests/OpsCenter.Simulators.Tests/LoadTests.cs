using OpsCenter.Contracts.Devices;
using OpsCenter.Simulators.Load;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Simulators.Transport;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

[Collection(TimingSensitive.Name)]
public sealed class LoadTests
{
    [Fact]
    public async Task Load_holds_5000_messages_per_second_within_5_percent_and_the_broker_gets_every_one()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var broker = await EmbeddedBroker.StartAsync();
        broker.KeepMessages = false;
        var settings = new BrokerSettings { Port = broker.Port };
        await using var sink = new MqttMessageSink(settings, "load-test", connections: 4);
        await sink.ConnectAsync(cancel);
        var ids = Enumerable.Range(0, 200).Select(i => ($"load-{i:D5}", DeviceKind.Camera)).ToList();
        var generator = new LoadGenerator(sink, new LoadPayloads(ids, 256), new LoadOptions(5000, TimeSpan.FromSeconds(5), 256), new RunStats());

        var result = await generator.RunAsync(cancel);

        Assert.Equal(25_000, result.Sent);
        Assert.Equal(0, result.Failed);
        Assert.Equal(25_000, result.Acknowledged);
        Assert.InRange(result.AchievedRate, 4750, 5250);
        await Eventually.Get(() => Task.FromResult(broker.Received), n => n >= 25_000, TimeSpan.FromSeconds(10), "25,000 messages at the broker");
    }

    [Fact]
    public void Load_payloads_are_valid_telemetry_of_exactly_the_requested_size()
    {
        var payloads = new LoadPayloads([("cam-a", DeviceKind.Camera), ("tfd-b", DeviceKind.Traffic), ("q-c", DeviceKind.Counter)], 512);
        var messages = Enumerable.Range(0, 6).Select(i => payloads.Next(i, DateTimeOffset.UtcNow)).Select(p => new OutboundMessage(p.Topic, p.Payload, false)).ToList();

        Assert.All(messages, m => Assert.Equal(512, m.Payload.Length));
        ContractCheck.AssertAllValid(messages, _ => DateTimeOffset.UtcNow);
    }
}
