using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OpsCenter.TimeSeries;

/// <summary>
/// A batch of InfluxDB line protocol written straight into one pooled UTF-8 body: no string per line, no joining and
/// re-encoding before the write. The escaping rules are <see cref="LineProtocol"/>'s. Lines are written one after the
/// other (<see cref="Start"/>, tags, fields, <see cref="End"/>); strings exist only when a rare path asks for them
/// (<see cref="Line"/>, <see cref="ToStrings"/>: the disk buffer, the search for refused lines).
/// </summary>
/// <remarks>
/// The body goes back to the pool when the last holder lets go: the one who built it disposes it, and a write
/// <see cref="Hold"/>s it for as long as it sends — a write given up on as too slow may still be reading it.
/// </remarks>
public sealed class LineBatch : IDisposable
{
    private static readonly SearchValues<char> KeyEscapes = SearchValues.Create(", =\\\n\r");
    private static readonly SearchValues<char> MeasurementEscapes = SearchValues.Create(", \\\n\r");
    private static readonly SearchValues<char> StringEscapes = SearchValues.Create("\"\\");

    // Doubles from -2^53 to 2^53 that are whole numbers are exactly a long.
    private const double ExactLongLimit = 9007199254740992d;

    private readonly List<int> _ends;
    private byte[] _buffer;
    private int _length;
    private bool _hasField;
    private int _holders = 1;

    public LineBatch(int expectedLines = 16)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, expectedLines * 240));
        _ends = new List<int>(expectedLines);
    }

    public static LineBatch From(IEnumerable<string> lines)
    {
        var batch = new LineBatch();
        foreach (var line in lines)
        {
            batch.AppendUtf8(line);
            batch.EndLine();
        }
        return batch;
    }

    public int Count => _ends.Count;

    /// <summary>The lines joined by newlines, as InfluxDB takes them.</summary>
    public ReadOnlyMemory<byte> Body
    {
        get
        {
            ObjectDisposedException.ThrowIf(_holders <= 0, this);
            return _buffer.AsMemory(0, Math.Max(0, _length - 1)); // without the last newline
        }
    }

    /// <summary>Bytes on the wire, newlines included.</summary>
    public int ByteCount => _length;

    public string Line(int index)
    {
        var start = index == 0 ? 0 : _ends[index - 1] + 1;
        return Encoding.UTF8.GetString(_buffer, start, _ends[index] - start);
    }

    public IReadOnlyList<string> ToStrings() => [.. Enumerable.Range(0, Count).Select(Line)];

    public LineBatch Start(string measurement)
    {
        _hasField = false;
        Escaped(measurement, MeasurementEscapes);
        return this;
    }

    public LineBatch Tag(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return this; // 1.x rejects empty tag values
        Byte((byte)',');
        Escaped(key, KeyEscapes);
        Byte((byte)'=');
        Escaped(value, KeyEscapes);
        return this;
    }

    public LineBatch Tag(string key, long value)
    {
        Byte((byte)',');
        Escaped(key, KeyEscapes);
        Byte((byte)'=');
        Formatted(value, default);
        return this;
    }

    public LineBatch Field(string key, double value)
    {
        FieldKey(key);
        // A whole number (most of the contract's numbers are counts) formats as a long: the same digits as "R" gives,
        // for a fraction of its cost. Still a float field, as there is no 'i'. -0 keeps its sign through "R".
        if (Math.Abs(value) < ExactLongLimit && (long)value == value && !(value == 0 && double.IsNegative(value)))
        {
            Formatted((long)value, default);
            return this;
        }
        Ensure(32);
        if (!value.TryFormat(_buffer.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture))
            throw new InvalidOperationException("no room for a number");
        _length += written;
        return this;
    }

    public LineBatch Field(string key, long value)
    {
        FieldKey(key);
        Formatted(value, default);
        Byte((byte)'i');
        return this;
    }

    public LineBatch Field(string key, bool value)
    {
        FieldKey(key);
        Byte(value ? (byte)'t' : (byte)'f');
        return this;
    }

    public LineBatch Field(string key, string value)
    {
        FieldKey(key);
        Byte((byte)'"');
        var rest = value.AsSpan();
        for (var i = rest.IndexOfAny(StringEscapes); i >= 0; i = rest.IndexOfAny(StringEscapes))
        {
            AppendUtf8(rest[..i]);
            Byte((byte)'\\');
            Byte((byte)rest[i]);
            rest = rest[(i + 1)..];
        }
        AppendUtf8(rest);
        Byte((byte)'"');
        return this;
    }

    /// <summary>Ends the line with its timestamp (ns).</summary>
    public void End(long unixNanoseconds)
    {
        Byte((byte)' ');
        Formatted(unixNanoseconds, default);
        EndLine();
    }

    /// <summary>One more holder: the body stays out of the pool until it is disposed too.</summary>
    public LineBatch Hold()
    {
        Interlocked.Increment(ref _holders);
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Decrement(ref _holders) != 0)
            return;
        var buffer = _buffer;
        _buffer = [];
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void EndLine()
    {
        _ends.Add(_length);
        Byte((byte)'\n');
    }

    private void FieldKey(string key)
    {
        Byte(_hasField ? (byte)',' : (byte)' ');
        _hasField = true;
        Escaped(key, KeyEscapes);
        Byte((byte)'=');
    }

    private void Escaped(string text, SearchValues<char> escapes)
    {
        var rest = text.AsSpan();
        for (var i = rest.IndexOfAny(escapes); i >= 0; i = rest.IndexOfAny(escapes))
        {
            AppendUtf8(rest[..i]);
            // Line protocol has no escape for newlines; they would split the point.
            if (rest[i] is '\n' or '\r')
            {
                Byte((byte)' ');
            }
            else
            {
                Byte((byte)'\\');
                Byte((byte)rest[i]);
            }
            rest = rest[(i + 1)..];
        }
        AppendUtf8(rest);
    }

    private void Formatted(long value, StandardFormat format)
    {
        Ensure(24);
        if (!Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written, format))
            throw new InvalidOperationException("no room for a number");
        _length += written;
    }

    private void AppendUtf8(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
