using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Broker.Tests;

/// <summary>The broker's own TCP listener and buffered connections, through real MQTTnet clients on loopback.</summary>
public sealed class BrokerTransportTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-broker-transport-").FullName;
    private readonly int _port = FreePort.Next();
    private WebApplication _broker = null!;

    [Fact]
    public async Task The_broker_listens_only_on_its_configured_address()
    {
        using var v4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await v4.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), TestContext.Current.CancellationToken);

        // MQTTnet's own listener adds [::]:port, every IPv6 interface, beside a configured 127.0.0.1.
        using var v6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () =>
            await v6.ConnectAsync(new IPEndPoint(IPAddress.IPv6Loopback, _port), TestContext.Current.CancellationToken));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_burst_of_messages_of_every_size_arrives_whole_and_in_order()
    {
        // Sizes from a few bytes to past the 64 KiB read chunk, so packets straddle chunk boundaries in every way.
        int[] sizes = [.. Enumerable.Range(0, 3_000).Select(i => i % 500 == 499 ? 150_000 + i : 1 + (i * 37 % 900))];
        var received = new List<byte[]>();
        var all = new TaskCompletionSource();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
                if (received.Count == sizes.Length)
                    all.TrySetResult();
            }
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options("subscriber"), TestContext.Current.CancellationToken);
        await subscriber.SubscribeAsync("burst/#", MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(Options("publisher"), TestContext.Current.CancellationToken);
        var publishes = sizes.Select((size, i) => publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"burst/{i}")
            .WithPayload(Payload(i, size)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken)).ToList();
        foreach (var result in await Task.WhenAll(publishes))
            Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        await all.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        for (var i = 0; i < sizes.Length; i++)
            Assert.True(Payload(i, sizes[i]).AsSpan().SequenceEqual(received[i]), $"message {i} ({sizes[i]} bytes) arrived changed or out of order");
    }

    [Fact]
    public async Task A_client_that_sends_garbage_is_dropped_and_the_others_carry_on()
    {
        using (var garbage = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await garbage.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), TestContext.Current.CancellationToken);
            await garbage.SendAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02 }, TestContext.Current.CancellationToken);
            var buffer = new byte[16];
            // The broker closes it: the read ends (0 bytes, or a reset) instead of waiting forever.
            var ended = Task.Run(async () =>
            {
                try
                {
                    return await garbage.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
                }
                catch (SocketException)
                {
                    return 0;
                }
            });
            Assert.Equal(0, await ended.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        }

        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(Options("after-garbage"), TestContext.Current.CancellationToken);
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("still/here").WithPayload("ok")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess);
    }

    private static byte[] Payload(int index, int size)
    {
        var payload = new byte[size];
        new Random(index).NextBytes(payload);
        return payload;
    }

    private MqttClientOptions Options(string clientId) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port)
        .WithClientId(clientId).WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();

    public async ValueTask InitializeAsync() => _broker = await InProcessBroker.StartAsync(_folder, _port, new Dictionary<string, string?>
    {
        ["Broker:BindAddress"] = "127.0.0.1",
        ["Broker:HoldDevicesForIngestSeconds"] = "0",
    });

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
