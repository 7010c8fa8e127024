using OpsCenter.Ingest.Mqtt;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class ReadBufferedStreamTests
{
    [Fact]
    public async Task Small_reads_return_the_source_bytes_in_order_from_few_reads_of_the_source()
    {
        var bytes = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var source = new CountingStream(bytes);
        await using var stream = new ReadBufferedStream(source, bufferSize: 4_096);

        var read = new List<byte>();
        var chunk = new byte[3];
        int n;
        while ((n = await stream.ReadAsync(chunk.AsMemory(0, 1 + (read.Count % 3)), TestContext.Current.CancellationToken)) > 0)
            read.AddRange(chunk.AsSpan(0, n).ToArray());

        Assert.Equal(bytes, read);
        Assert.Equal(4, source.Reads); // 10,000 bytes in 4 KiB reads (3), and the one that finds the end
    }

    [Fact]
    public async Task Writes_go_straight_through_without_waiting_in_a_buffer()
    {
        var source = new CountingStream([]);
        await using var stream = new ReadBufferedStream(source);

        await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, 0x01 }, TestContext.Current.CancellationToken);

        Assert.Equal([0x40, 0x02, 0x00, 0x01], source.Written);
    }

    [Fact]
    public async Task A_cancelled_read_hands_out_no_old_bytes_afterwards()
    {
        var source = new CountingStream([1, 2, 3, 4]) { FailAfterReads = 1 };
        await using var stream = new ReadBufferedStream(source, bufferSize: 16);
        var chunk = new byte[4];
        Assert.Equal(4, await stream.ReadAsync(chunk, TestContext.Current.CancellationToken));

        await Assert.ThrowsAsync<OperationCanceledException>(() => stream.ReadAsync(chunk, TestContext.Current.CancellationToken).AsTask());

        source.FailAfterReads = int.MaxValue;
        Assert.Equal(0, await stream.ReadAsync(chunk, TestContext.Current.CancellationToken)); // the source's end, not 1, 2, 3, 4 again
    }

    private sealed class CountingStream(byte[] content) : MemoryStream(content.Length)
    {
        private readonly MemoryStream _content = new(content);

        public int Reads { get; private set; }
        public int FailAfterReads { get; set; } = int.MaxValue;
        public List<byte> Written { get; } = [];

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Reads >= FailAfterReads)
            {
                FailAfterReads = int.MaxValue;
                throw new OperationCanceledException();
            }
            Reads++;
            return _content.ReadAsync(buffer, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.AddRange(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
