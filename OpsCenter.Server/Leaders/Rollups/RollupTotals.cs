using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Additive components of one device, area or city over one hour, day or period (see <see cref="RollupFields"/>).
/// A field that is absent was not measured (no such device reported): its indicators are null, never 0. A family that
/// was measured at all is written whole, zeros included, so that recomputing a point overwrites every field of it.
/// </summary>
public sealed class RollupTotals
{
    private readonly Dictionary<string, double> _fields = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Fields => _fields;

    public bool IsEmpty => _fields.Count == 0;

    public double? this[string field] => _fields.TryGetValue(field, out var v) ? v : null;

    /// <summary>Marks a family of fields as measured (all zero until added to).</summary>
    public RollupTotals Touch(IReadOnlyList<string> family)
    {
        foreach (var field in family)
            _fields.TryAdd(field, 0);
        return this;
    }

    public void Add(string field, double value) => _fields[field] = _fields.GetValueOrDefault(field) + value;

    public void Add(RollupTotals other)
    {
        foreach (var (field, value) in other._fields)
            Add(field, value);
    }

    public string ToLine(string measurement, IEnumerable<(string Tag, string Value)> tags, DateTimeOffset start)
    {
        var line = new LineProtocol(measurement);
        foreach (var (tag, value) in tags)
            line.Tag(tag, value);
        // Always floats: a field's type is fixed per shard in InfluxDB, and sums of counts must never clash with it.
        foreach (var field in RollupFields.All)
        {
            if (_fields.TryGetValue(field, out var value))
                line.Field(field, value);
        }
        return line.Build(start.ToUnixTimeMilliseconds() * 1_000_000);
    }
}
