using System.Buffers;
using System.Text.Json;

namespace OpsCenter.Ingest.Validation;

/// <summary>
/// The property names of every object currently open while walking a JSON document, so a key repeated
/// at any depth is caught. Names live in one pooled buffer with stack discipline (an object's names are
/// dropped when it closes), so a typical message allocates nothing.
/// </summary>
internal struct PropertyNameSet
{
    // Above this many keys in one object, a hash index avoids quadratic scans on hostile payloads.
    private const int LinearScanLimit = 16;

    private FrameStarts _frameStarts;
    private byte[] _bytes;
    private Entry[] _entries;
    private int _bytesUsed;
    private int _count;
    private int _depth;
    private Dictionary<int, int>?[]? _indexes;

    public PropertyNameSet(int payloadLength)
    {
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(payloadLength, 16));
        // Each name takes at least 4 payload bytes ("":0), so this bounds the number of names.
        _entries = ArrayPool<Entry>.Shared.Rent((payloadLength / 4) + 2);
        _depth = -1;
    }

    public void OpenObject()
    {
        _depth++;
        _frameStarts[_depth] = _count;
    }

    public void CloseObject()
    {
        var start = _frameStarts[_depth];
        if (_count > start)
            _bytesUsed = _entries[start].Offset;
        _count = start;
        if (_indexes is not null)
            _indexes[_depth] = null;
        _depth--;
    }

    /// <summary>
    /// Records the reader's current property name; false when this object already has it. Gives the name unescaped
    /// and its <see cref="Hash"/>, so the caller can look the field up without decoding it again.
    /// </summary>
    public bool TryAdd(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name, out int hash)
    {
        var target = _bytes.AsSpan(_bytesUsed);
        var length = reader.ValueIsEscaped ? reader.CopyString(target) : Copy(reader.ValueSpan, target);
        name = target[..length];
        hash = Hash(name);
        var start = _frameStarts[_depth];
        var inObject = _count - start;

        if (inObject < LinearScanLimit)
        {
            for (var i = start; i < _count; i++)
            {
                if (_entries[i].Hash == hash && Name(i).SequenceEqual(name))
                    return false;
            }
        }
        else
        {
            var index = IndexFor(start);
            if (index.TryGetValue(hash, out var first))
            {
                // Same hash: confirm by bytes against every earlier name with that hash (rare outside attacks).
                for (var i = first; i < _count; i++)
                {
                    if (_entries[i].Hash == hash && Name(i).SequenceEqual(name))
                        return false;
                }
            }
            else
            {
                index[hash] = _count;
            }
        }

        _entries[_count++] = new Entry(_bytesUsed, length, hash);
        _bytesUsed += length;
        return true;
    }

    public readonly void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<Entry>.Shared.Return(_entries);
    }

    private Dictionary<int, int> IndexFor(int start)
    {
        _indexes ??= new Dictionary<int, int>?[JsonShape.MaxDepth + 1];
        if (_indexes[_depth] is { } existing)
            return existing;
        var index = new Dictionary<int, int>();
        for (var i = start; i < _count; i++)
            index.TryAdd(_entries[i].Hash, i);
        return _indexes[_depth] = index;
    }

    private readonly ReadOnlySpan<byte> Name(int i) => _bytes.AsSpan(_entries[i].Offset, _entries[i].Length);

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        source.CopyTo(target);
        return source.Length;
    }

    // FNV-1a: cheap, deterministic, good enough to make most comparisons a single int check.
    public static int Hash(ReadOnlySpan<byte> name)
    {
        var h = 2166136261u;
        foreach (var b in name)
            h = (h ^ b) * 16777619u;
        return (int)h;
    }

    private readonly record struct Entry(int Offset, int Length, int Hash);

    [System.Runtime.CompilerServices.InlineArray(JsonShape.MaxDepth + 1)]
    private struct FrameStarts
    {
        private int _first;
    }
}
