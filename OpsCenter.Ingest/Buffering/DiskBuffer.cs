using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OpsCenter.Ingest.Buffering;

/// <summary>
/// Append-only on-disk queue of line-protocol batches for when InfluxDB is unreachable. Each append is flushed to the
/// disk before it returns, so a message acknowledged to the broker after <see cref="Append"/> survives SIGKILL and power
/// loss. Batches replay oldest first; a checkpoint file records how far replay got. Replay is at-least-once; points are
/// idempotent in InfluxDB, so a batch replayed twice stores nothing twice.
/// Record layout: [int32 length][UTF-8 lines separated by '\n'][int32 length] — a torn tail fails the trailer check and
/// is cut off (its messages were never acknowledged, so the broker delivers them again).
/// </summary>
public sealed class DiskBuffer : IDisposable
{
    private const long SegmentBytes = 64L * 1024 * 1024;
    private readonly string _folder;
    private readonly long _maxBytes;
    private readonly string _checkpointPath;
    private FileStream? _writer;
    private long _writerSegment;
    private (long Segment, long Offset) _readPosition;

    public DiskBuffer(string folder, long maxBytes)
    {
        _folder = folder;
        _maxBytes = maxBytes;
        Directory.CreateDirectory(folder);
        _checkpointPath = Path.Combine(folder, "checkpoint");
        _readPosition = ReadCheckpoint();
        RepairTail();
        Bytes = ComputeBytes();
    }

    /// <summary>Bytes still to replay.</summary>
    public long Bytes { get; private set; }

    public bool IsEmpty => Bytes == 0;

    public bool HasRoomFor(long bytes) => Bytes + bytes <= _maxBytes;

    public BufferPosition Append(IReadOnlyList<string> lines) => Append(Encoding.UTF8.GetBytes(string.Join('\n', lines)));

    /// <summary>Appends one batch (lines joined by '\n', as UTF-8) and flushes it to the disk; returns where it starts.</summary>
    public BufferPosition Append(ReadOnlySpan<byte> payload)
    {
        var writer = EnsureWriter();
        var position = new BufferPosition(_writerSegment, writer.Position);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, payload.Length);
        writer.Write(length);
        writer.Write(payload);
        writer.Write(length);
        writer.Flush(flushToDisk: true);
        Bytes += payload.Length + 8;
        if (writer.Length >= SegmentBytes)
            CloseWriter();
        return position;
    }

    /// <summary>The oldest batch not yet replayed, or null when the buffer is empty.</summary>
    public BufferedBatch? Peek()
    {
        foreach (var segment in Segments().Where(s => s >= _readPosition.Segment))
        {
            var offset = segment == _readPosition.Segment ? _readPosition.Offset : 0;
            using var stream = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (TryReadRecord(stream, offset, out var lines, out var next))
                return new BufferedBatch(lines, segment, next, new BufferPosition(segment, offset));
        }
        return null;
    }

    /// <summary>
    /// Where the oldest batch not yet replayed starts and ends, without reading its lines (null when empty): enough to
    /// commit one that is already in InfluxDB, without decoding a few MB into strings.
    /// </summary>
    public BufferedBatch? PeekPosition()
    {
        foreach (var segment in Segments().Where(s => s >= _readPosition.Segment))
        {
            var offset = segment == _readPosition.Segment ? _readPosition.Offset : 0;
            using var stream = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (TryReadRecordBounds(stream, offset, out var next))
                return new BufferedBatch([], segment, next, new BufferPosition(segment, offset));
        }
        return null;
    }

    /// <summary>Marks a batch replayed; drops segments that are fully replayed.</summary>
    public void Commit(BufferedBatch batch)
    {
        _readPosition = (batch.Segment, batch.NextOffset);
        if (new FileInfo(SegmentPath(batch.Segment)).Length == batch.NextOffset)
        {
            // Fully replayed: the next append starts a fresh segment after it.
            if (_writer is not null && _writerSegment == batch.Segment)
                CloseWriter();
            _readPosition = (batch.Segment + 1, 0);
        }
        File.WriteAllText(_checkpointPath, FormattableString.Invariant($"{_readPosition.Segment} {_readPosition.Offset}"));
        foreach (var segment in Segments().Where(s => s < _readPosition.Segment))
            File.Delete(SegmentPath(segment));
        Bytes = ComputeBytes();
    }

    public void Dispose() => CloseWriter();

    private FileStream EnsureWriter()
    {
        if (_writer is not null)
            return _writer;
        var segments = Segments().ToList();
        _writerSegment = segments.Count == 0 ? Math.Max(1, _readPosition.Segment) : segments[^1];
        if (segments.Count > 0 && new FileInfo(SegmentPath(_writerSegment)).Length >= SegmentBytes)
            _writerSegment++;
        _writer = new FileStream(SegmentPath(_writerSegment), FileMode.Append, FileAccess.Write, FileShare.Read);
        return _writer;
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private static bool TryReadRecord(FileStream stream, long offset, out string[] lines, out long next)
    {
        lines = [];
        next = offset;
        if (stream.Length - offset < 8)
            return false;
        stream.Position = offset;
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || offset + 8 + length > stream.Length)
            return false;
        var payload = new byte[length];
        stream.ReadExactly(payload);
        stream.ReadExactly(header);
        if (BinaryPrimitives.ReadInt32LittleEndian(header) != length)
            return false;
        lines = Encoding.UTF8.GetString(payload).Split('\n');
        next = offset + 8 + length;
        return true;
    }

    private static bool TryReadRecordBounds(FileStream stream, long offset, out long next)
    {
        next = offset;
        if (stream.Length - offset < 8)
            return false;
        Span<byte> header = stackalloc byte[4];
        stream.Position = offset;
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length < 0 || offset + 8 + length > stream.Length)
            return false;
        stream.Position = offset + 4 + length;
        stream.ReadExactly(header);
        if (BinaryPrimitives.ReadInt32LittleEndian(header) != length)
            return false;
        next = offset + 8 + length;
        return true;
    }

    /// <summary>Cuts a record torn by a crash off the newest segment, so appends continue after the last whole one.</summary>
    private void RepairTail()
    {
        var segments = Segments().ToList();
        if (segments.Count == 0)
            return;
        var last = SegmentPath(segments[^1]);
        long good = 0;
        using (var stream = new FileStream(last, FileMode.Open, FileAccess.Read))
        {
            while (TryReadRecord(stream, good, out _, out var next))
                good = next;
        }
        if (new FileInfo(last).Length != good)
        {
            using var truncate = new FileStream(last, FileMode.Open, FileAccess.Write);
            truncate.SetLength(good);
        }
    }

    private long ComputeBytes()
    {
        long total = 0;
        foreach (var segment in Segments().Where(s => s >= _readPosition.Segment))
        {
            var length = new FileInfo(SegmentPath(segment)).Length;
            total += segment == _readPosition.Segment ? Math.Max(0, length - _readPosition.Offset) : length;
        }
        return total;
    }

    private (long, long) ReadCheckpoint()
    {
        if (!File.Exists(_checkpointPath))
            return (0, 0);
        var parts = File.ReadAllText(_checkpointPath).Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var segment)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var offset)
            ? (segment, offset)
            : (0, 0);
    }

    private IEnumerable<long> Segments() =>
        Directory.EnumerateFiles(_folder, "*.seg")
            .Select(p => long.TryParse(Path.GetFileNameWithoutExtension(p), CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order();

    private string SegmentPath(long segment) => Path.Combine(_folder, segment.ToString("D8", CultureInfo.InvariantCulture) + ".seg");
}

/// <summary>Where a batch starts in the buffer: segment and byte offset.</summary>
public readonly record struct BufferPosition(long Segment, long Offset);

public sealed record BufferedBatch(string[] Lines, long Segment, long NextOffset, BufferPosition Start);
