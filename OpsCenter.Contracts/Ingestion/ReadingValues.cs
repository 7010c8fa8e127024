namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// A reading's values by slot of its message type's <see cref="ReadingLayout"/>: how Ingest's validator hands them
/// over. Three maps per reading were ~640 of the ~2,700 bytes Ingest allocated per message (bench/); here a reading
/// with numbers and flags costs two small arrays, and its maps are made only if something asks for them.
/// </summary>
public struct ReadingValues(ReadingLayout layout) : IEquatable<ReadingValues>
{
    public ReadingLayout Layout { get; } = layout;

    internal double[]? Numbers;
    internal ulong NumberMask;
    internal bool[]? Flags;
    internal ulong FlagMask;
    internal string[]? Texts;
    internal ulong TextMask;

    public readonly bool HasTexts => TextMask != 0;

    public void SetNumber(int slot, double value)
    {
        (Numbers ??= new double[Layout.Numbers.Length])[slot] = value;
        NumberMask |= 1UL << slot;
    }

    public void SetFlag(int slot, bool value)
    {
        (Flags ??= new bool[Layout.Flags.Length])[slot] = value;
        FlagMask |= 1UL << slot;
    }

    public void SetText(int slot, string value)
    {
        (Texts ??= new string[Layout.Texts.Length])[slot] = value;
        TextMask |= 1UL << slot;
    }

    // A reading (a record) compares its values by identity, as it does its maps: the same arrays, the same slots set.
    // Without this, comparing two readings would compare these fields by reflection.
    public readonly bool Equals(ReadingValues other) =>
        ReferenceEquals(Layout, other.Layout) && ReferenceEquals(Numbers, other.Numbers) && ReferenceEquals(Flags, other.Flags)
        && ReferenceEquals(Texts, other.Texts) && NumberMask == other.NumberMask && FlagMask == other.FlagMask && TextMask == other.TextMask;

    public override readonly bool Equals(object? obj) => obj is ReadingValues other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Layout, Numbers, Flags, Texts, NumberMask, FlagMask, TextMask);

    public static bool operator ==(ReadingValues left, ReadingValues right) => left.Equals(right);

    public static bool operator !=(ReadingValues left, ReadingValues right) => !left.Equals(right);

    /// <summary>The numbers set, in slot order; none when these are not a validator's values (no layout).</summary>
    public readonly ReadingEntries<double> NumberEntries => Layout is null ? default : new(Layout.Numbers, Numbers, NumberMask);

    public readonly ReadingEntries<bool> FlagEntries => Layout is null ? default : new(Layout.Flags, Flags, FlagMask);

    public readonly ReadingEntries<string> TextEntries => Layout is null ? default : new(Layout.Texts, Texts, TextMask);
}

/// <summary>
/// One of a reading's maps walked without making it: its entries from the map when there is one, else from the
/// compact values in slot order. A struct enumerator, so walking allocates nothing.
/// </summary>
public readonly struct ReadingEntries<T>
{
    private readonly Dictionary<string, T>? _map;
    private readonly string[]? _names;
    private readonly T[]? _values;
    private readonly ulong _mask;

    internal ReadingEntries(Dictionary<string, T>? map) => _map = map;

    internal ReadingEntries(string[] names, T[]? values, ulong mask)
    {
        _names = names;
        _values = values;
        _mask = mask;
    }

    /// <summary>Whether the reading has this map at all (an empty map counts; one never made does not).</summary>
    public bool Exists => _map is not null || _mask != 0;

    public bool TryGet(string name, out T value)
    {
        if (_map is not null)
            return _map.TryGetValue(name, out value!);
        var slot = _names is null ? -1 : ReadingLayout.SlotOf(_names, name);
        if (slot >= 0 && (_mask & (1UL << slot)) != 0)
        {
            value = _values![slot];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The entries as a map: the map itself when there is one, a new one from the compact values, or none.</summary>
    public Dictionary<string, T>? ToMap()
    {
        if (_map is not null || _mask == 0)
            return _map;
        var map = new Dictionary<string, T>(System.Numerics.BitOperations.PopCount(_mask));
        foreach (var (name, value) in this)
            map[name] = value;
        return map;
    }

    public Enumerator GetEnumerator() => new(this);

    public struct Enumerator
    {
        private readonly ReadingEntries<T> _entries;
        private Dictionary<string, T>.Enumerator _mapEnumerator;
        private ulong _remaining;

        internal Enumerator(ReadingEntries<T> entries)
        {
            _entries = entries;
            _mapEnumerator = entries._map?.GetEnumerator() ?? default;
            _remaining = entries._mask;
            Current = default;
        }

        public KeyValuePair<string, T> Current { get; private set; }

        public bool MoveNext()
        {
            if (_entries._map is not null)
            {
                if (!_mapEnumerator.MoveNext())
                    return false;
                Current = _mapEnumerator.Current;
                return true;
            }
            if (_remaining == 0)
                return false;
            var slot = System.Numerics.BitOperations.TrailingZeroCount(_remaining);
            _remaining &= _remaining - 1;
            Current = new(_entries._names![slot], _entries._values![slot]);
            return true;
        }
    }
}
