namespace OpsCenter.Contracts.Ingestion.Readings;

/// <summary>A stored enum value back to its C# enum, by its position in the contract's value list.</summary>
internal static class WireValue
{
    /// <remarks>
    /// The value lists follow their enums' order (<c>MessageRecordsMatchSchemaTests</c> holds them to it), and every
    /// contract enum is int-sized, so the position is the enum value: no boxing on the Server's per-reading path.
    /// </remarks>
    public static TEnum? ToEnum<TEnum>(IReadOnlyList<string> values, string? wire)
        where TEnum : struct, Enum
    {
        if (wire is null)
            return null;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], wire, StringComparison.Ordinal))
                return System.Runtime.CompilerServices.Unsafe.BitCast<int, TEnum>(i);
        }
        return null;
    }
}
