namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// The named slots one message type's values can take, by kind of value: what <see cref="ReadingValues"/> holds by
/// position. Ingest makes one per message type from the device contract; a reading points at it instead of carrying
/// its field names.
/// </summary>
public sealed class ReadingLayout
{
    /// <summary>Slots are found by a bit in a 64-bit mask.</summary>
    public const int MaxSlots = 64;

    public ReadingLayout(IReadOnlyList<string> numbers, IReadOnlyList<string> flags, IReadOnlyList<string> texts)
    {
        if (numbers.Count > MaxSlots || flags.Count > MaxSlots || texts.Count > MaxSlots)
            throw new ArgumentException($"a layout has at most {MaxSlots} slots of each kind");
        Numbers = [.. numbers];
        Flags = [.. flags];
        Texts = [.. texts];
    }

    public string[] Numbers { get; }
    public string[] Flags { get; }
    public string[] Texts { get; }

    /// <summary>The slot of <paramref name="name"/> among <paramref name="names"/>, or -1.</summary>
    internal static int SlotOf(string[] names, string name)
    {
        // The contract's own strings are usually the very instances asked for: a reference check first.
        for (var i = 0; i < names.Length; i++)
        {
            if (ReferenceEquals(names[i], name))
                return i;
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }
}
