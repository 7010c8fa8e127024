using System.Buffers;
using System.Net;
using System.Net.Sockets;
using OpsCenter.Broker.Transport;

namespace OpsCenter.Broker.Tests;

/// <summary>The broker's coalescing writer over a real loopback TCP connection.</summary>
public sealed class CoalescingSocketWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private Socket _sending = null!;
    private Socket _receiving = null!;

    [Fact]
    public async Task Packets_written_back_to_back_leave_in_few_sends_and_arrive_whole_and_in_order()
    {
        var writer = new CoalescingSocketWriter(_sending);
        const int packets = 400;
        var expected = new MemoryStream();
        for (var i = 0; i < packets; i++)
        {
            var packet = Packet(i, 20 + i % 300);
            expected.Write(packet);
            // A PUBLISH comes as its header and then its payload, as MQTTnet writes it.
            await writer.WriteAsync(new ReadOnlySequence<byte>(packet, 0, 5), isEndOfPacket: false, TestContext.Current.CancellationToken);
            await writer.WriteAsync(new ReadOnlySequence<byte>(packet, 5, packet.Length - 5), isEndOfPacket: true, TestContext.Current.CancellationToken);
        }
        await writer.DrainAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(expected.ToArray(), await ReceiveAsync((int)expected.Length));
        // Written straight through, each packet would be a send of its own (or two).
        Assert.InRange(writer.Sends, 1, packets / 4);
    }

    [Fact]
    public async Task A_reader_that_stops_reading_holds_the_writer_back_and_gets_everything_once_it_reads_again()
    {
        var writer = new CoalescingSocketWriter(_sending);
        var packet = Packet(7, 1_000);
        var written = 0L;
        ValueTask blocked = default;
        // Bounded: the kernel's socket buffers plus the writer's high-water mark are a few MB at most.
        for (var i = 0; i < 64_000 && blocked.IsCompleted; i++)
        {
            blocked = writer.WriteAsync(new ReadOnlySequence<byte>(packet), isEndOfPacket: true, TestContext.Current.CancellationToken);
            written += packet.Length;
        }
        Assert.False(blocked.IsCompleted, $"the writer took {written:N0} bytes without making the writer wait");

        var received = ReceiveAsync((int)written);
        await blocked.AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
        var bytes = await received;
        for (var offset = 0; offset < bytes.Length; offset += packet.Length)
            Assert.True(packet.AsSpan().SequenceEqual(bytes.AsSpan(offset, packet.Length)), $"bytes at {offset} arrived changed");
    }

    [Fact]
    public async Task Once_the_connection_breaks_writes_fail_instead_of_piling_up()
    {
        var writer = new CoalescingSocketWriter(_sending);
        _receiving.LingerState = new LingerOption(true, 0); // closed with a reset, as a crashed device's connection
        _receiving.Close();
        var packet = Packet(1, 1_000);
        Exception? failure = null;
        for (var i = 0; i < 10_000 && failure is null; i++)
        {
            try
            {
                await writer.WriteAsync(new ReadOnlySequence<byte>(packet), isEndOfPacket: true, TestContext.Current.CancellationToken)
                    .AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
                await writer.DrainAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
            }
            catch (IOException e)
            {
                failure = e;
            }
        }
        Assert.NotNull(failure);
    }

    private static byte[] Packet(int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private async Task<byte[]> ReceiveAsync(int length)
    {
        var buffer = new byte[length];
        var received = 0;
        while (received < length)
        {
            var read = await _receiving.ReceiveAsync(buffer.AsMemory(received), TestContext.Current.CancellationToken).AsTask()
                .WaitAsync(Patience, TestContext.Current.CancellationToken);
            Assert.NotEqual(0, read);
            received += read;
        }
        return buffer;
    }

    public async ValueTask InitializeAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _sending = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptAsync(TestContext.Current.CancellationToken).AsTask();
        await _sending.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        _receiving = await accepting;
    }

    public ValueTask DisposeAsync()
    {
        _sending.Dispose();
        _receiving.Dispose();
        return ValueTask.CompletedTask;
    }
}
