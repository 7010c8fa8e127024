using System.Globalization;
using System.Text;

namespace OpsCenter.TimeSeries;

/// <summary>Builds InfluxDB line protocol with the escaping rules for each position (measurement, tag, field, string).</summary>
public sealed class LineProtocol
{
    private readonly StringBuilder _line = new(256);
    private bool _hasField;

    public LineProtocol(string measurement) => Escape(measurement, _line, commaSpace: true, equals: false);

    public LineProtocol Tag(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return this; // 1.x rejects empty tag values
        _line.Append(',');
        Escape(key, _line, commaSpace: true, equals: true);
        _line.Append('=');
        Escape(value, _line, commaSpace: true, equals: true);
        return this;
    }

    // Numbers are formatted straight into the line (no string per field): this runs for every stored message.
    public LineProtocol Field(string key, double value)
    {
        AppendField(key).Append(CultureInfo.InvariantCulture, $"{value:R}");
        return this;
    }

    public LineProtocol Field(string key, long value)
    {
        AppendField(key).Append(CultureInfo.InvariantCulture, $"{value}i");
        return this;
    }

    public LineProtocol Field(string key, bool value)
    {
        AppendField(key).Append(value ? 't' : 'f');
        return this;
    }

    public LineProtocol Field(string key, string value)
    {
        var sb = AppendField(key).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
        return this;
    }

    public string Build(long unixNanoseconds) =>
        _line.Append(' ').Append(unixNanoseconds.ToString(CultureInfo.InvariantCulture)).ToString();

    private StringBuilder AppendField(string key)
    {
        _line.Append(_hasField ? ',' : ' ');
        _hasField = true;
        Escape(key, _line, commaSpace: true, equals: true);
        return _line.Append('=');
    }

    private static void Escape(string value, StringBuilder sb, bool commaSpace, bool equals)
    {
        foreach (var c in value)
        {
            if ((commaSpace && c is ',' or ' ') || (equals && c == '=') || c == '\\')
                sb.Append('\\');
            // Line protocol has no escape for newlines; they would split the point.
            sb.Append(c is '\n' or '\r' ? ' ' : c);
        }
    }
}
