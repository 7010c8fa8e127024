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

    [Fact]
    public async Task A_spent_budget_stops_reads_of_the_source_but_not_of_what_is_buffered_and_the_loop_taking_messages_lets_them_go_on()
    {
        // Three PUBLISH packets of 8 bytes each (type 3, remaining length 6), then a PINGRESP.
        byte[] publish = [0x30, 0x06, 0, 1, (byte)'t', 0, 0, 0];
        var bytes = publish.Concat(publish).Concat(publish).Concat(new byte[] { 0xD0, 0x00 }).ToArray();
        var budget = new ReadBudget(limit: 2);
        budget.Subscribed();
        var source = new CountingStream(bytes);
        await using var stream = new ReadBufferedStream(source, bufferSize: 16, budget: budget);
        var chunk = new byte[8];

        Assert.Equal(8, await stream.ReadAsync(chunk, TestContext.Current.CancellationToken));
        Assert.Equal(8, await stream.ReadAsync(chunk, TestContext.Current.CancellationToken)); // still in the buffer
        Assert.Equal(2, budget.Pending);
        var waiting = stream.ReadAsync(chunk, TestContext.Current.CancellationToken).AsTask();
        await Task.Yield();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, source.Reads);

        budget.Taken(1);
        Assert.Equal(8, await waiting.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(publish, chunk);
        Assert.Equal(2, source.Reads);
        Assert.Equal(2, budget.Pending);
    }

    [Fact]
    public async Task Before_the_subscription_is_granted_nothing_is_limited()
    {
        var budget = new ReadBudget(limit: 1);
        budget.Read(5);
        budget.Connecting();
        budget.Read(5);
        await using var stream = new ReadBufferedStream(new CountingStream([1, 2, 3]), bufferSize: 16, budget: budget);

        Assert.Equal(3, await stream.ReadAsync(new byte[4], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_read_waiting_for_room_lets_one_buffer_through_after_a_second_so_pings_are_still_answered()
    {
        var budget = new ReadBudget(limit: 1);
        budget.Subscribed();
        budget.Read(1);
        await using var stream = new ReadBufferedStream(new CountingStream([0xD0, 0x00]), bufferSize: 16, budget: budget);

        var read = stream.ReadAsync(new byte[4], TestContext.Current.CancellationToken).AsTask();

        Assert.Equal(2, await read.WaitAsync(ReadBudget.MaxWait * 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_read_waiting_for_room_can_be_cancelled_and_forgetting_frees_the_budget()
    {
        var budget = new ReadBudget(limit: 1);
        budget.Subscribed();
        budget.Read(1);
        await using var stream = new ReadBufferedStream(new CountingStream([1, 2, 3]), bufferSize: 16, budget: budget);
        using var cancel = new CancellationTokenSource();

        var waiting = stream.ReadAsync(new byte[4], cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        budget.Forget();
        Assert.Equal(0, budget.Pending);
        Assert.Equal(3, await stream.ReadAsync(new byte[4], TestContext.Current.CancellationToken));
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
