using OpsCenter.Ingest.Mqtt;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class WriteGatheringStreamTests
{
    [Fact]
    public async Task Writes_made_while_gathering_leave_in_one_write_in_their_order_when_the_gathering_ends()
    {
        var source = new RecordingStream();
        await using var stream = new WriteGatheringStream(source);

        stream.BeginGathering();
        for (byte id = 1; id <= 3; id++)
            await stream.WriteAsync(new byte[] { 0x40, 0x02, 0x00, id }, TestContext.Current.CancellationToken);
        Assert.Empty(source.Writes);
        stream.EndGathering();

        Assert.Equal([[0x40, 0x02, 0x00, 1, 0x40, 0x02, 0x00, 2, 0x40, 0x02, 0x00, 3]], source.Writes);
    }

    [Fact]
    public async Task Writes_outside_a_gathering_go_straight_through_and_nested_gatherings_write_once_at_the_outermost_end()
    {
        var source = new RecordingStream();
        await using var stream = new WriteGatheringStream(source);

        await stream.WriteAsync(new byte[] { 0xC0, 0x00 }, TestContext.Current.CancellationToken); // a ping
        Assert.Single(source.Writes);
        stream.BeginGathering();
        stream.BeginGathering();
        stream.Write([1, 2]);
        stream.EndGathering();
        Assert.Single(source.Writes);
        stream.Write([3]);
        stream.EndGathering();

        Assert.Equal([[0xC0, 0x00], [1, 2, 3]], source.Writes);
    }

    [Fact]
    public void A_gathered_write_that_fails_is_reported_and_not_written_again_later()
    {
        var source = new RecordingStream { Fail = true };
        using var stream = new WriteGatheringStream(source);
        stream.BeginGathering();
        stream.Write(new byte[10_000]); // beyond the first buffer: it grows

        Assert.Throws<IOException>(stream.EndGathering);

        source.Fail = false;
        stream.BeginGathering();
        stream.Write([7]);
        stream.EndGathering();
        Assert.Equal([[7]], source.Writes);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];
        public bool Fail { get; set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Fail)
                throw new IOException("connection reset");
            Writes.Add(buffer.ToArray());
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
