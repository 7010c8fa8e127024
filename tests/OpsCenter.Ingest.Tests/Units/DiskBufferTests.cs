using OpsCenter.Ingest.Buffering;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class DiskBufferTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-buffer-").FullName;

    [Fact]
    public void Replays_batches_in_the_order_they_were_appended()
    {
        using var buffer = new DiskBuffer(_folder, 10_000_000);
        buffer.Append(["a 1", "a 2"]);
        buffer.Append(["b 1"]);

        var first = buffer.Peek()!;
        Assert.Equal(["a 1", "a 2"], first.Lines);
        buffer.Commit(first);
        var second = buffer.Peek()!;
        Assert.Equal(["b 1"], second.Lines);
        buffer.Commit(second);
        Assert.Null(buffer.Peek());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void A_batch_is_known_by_where_it_was_appended_and_can_be_committed_without_reading_its_lines()
    {
        using var buffer = new DiskBuffer(_folder, 10_000_000);
        var first = buffer.Append("m v=1i 1\nm v=2i 2"u8);
        var second = buffer.Append(["m v=3i 3"]);

        var next = buffer.PeekPosition()!;
        Assert.Equal(first, next.Start);
        Assert.Empty(next.Lines);
        buffer.Commit(next);

        var after = buffer.Peek()!;
        Assert.Equal(second, after.Start);
        Assert.Equal(["m v=3i 3"], after.Lines);
        buffer.Commit(after);
        Assert.True(buffer.IsEmpty);
        Assert.Null(buffer.PeekPosition());
    }

    [Fact]
    public void Survives_a_restart_and_resumes_after_the_last_committed_batch()
    {
        using (var buffer = new DiskBuffer(_folder, 10_000_000))
        {
            buffer.Append(["one"]);
            buffer.Append(["two"]);
            buffer.Append(["three"]);
            buffer.Commit(buffer.Peek()!);
        }

        using var reopened = new DiskBuffer(_folder, 10_000_000);
        Assert.False(reopened.IsEmpty);
        Assert.Equal(["two"], reopened.Peek()!.Lines);
        reopened.Commit(reopened.Peek()!);
        Assert.Equal(["three"], reopened.Peek()!.Lines);
    }

    [Fact]
    public void A_torn_record_from_a_crash_is_cut_off_and_appends_continue()
    {
        using (var buffer = new DiskBuffer(_folder, 10_000_000))
            buffer.Append(["whole"]);
        var segment = Directory.GetFiles(_folder, "*.seg").Single();
        File.AppendAllText(segment, "\u0040\0\0\0partial"); // a length header promising more than was written

        using var reopened = new DiskBuffer(_folder, 10_000_000);
        reopened.Append(["after"]);
        var first = reopened.Peek()!;
        Assert.Equal(["whole"], first.Lines);
        reopened.Commit(first);
        Assert.Equal(["after"], reopened.Peek()!.Lines);
    }

    [Fact]
    public void Reports_when_it_has_no_room_instead_of_growing()
    {
        using var buffer = new DiskBuffer(_folder, 100);
        Assert.True(buffer.HasRoomFor(50));
        buffer.Append([new string('x', 60)]);
        Assert.False(buffer.HasRoomFor(50));
    }

    [Fact]
    public void Fully_replayed_then_new_appends_are_not_skipped()
    {
        using var buffer = new DiskBuffer(_folder, 10_000_000);
        buffer.Append(["x"]);
        buffer.Commit(buffer.Peek()!);
        buffer.Append(["y"]);
        Assert.Equal(["y"], buffer.Peek()!.Lines);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
