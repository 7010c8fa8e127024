namespace OpsCenter.Ingest.Validation;

/// <summary>
/// Strict RFC 3339 date-time parser on UTF-8 bytes. Stricter than <see cref="DateTimeOffset.TryParse(string, out DateTimeOffset)"/>
/// on purpose: a timestamp without an offset is ambiguous across time zones, so it is refused rather than guessed.
/// Grammar: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>; <c>T</c> and <c>Z</c> may be lower case (RFC 3339 §5.6).
/// </summary>
internal static class Rfc3339
{
    public const int MaxLength = 64;

    public static bool TryParse(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length is < 20 or > MaxLength)
            return false;
        if (!TryDigits(s, 0, 4, out var year) || s[4] != '-' || !TryDigits(s, 5, 2, out var month) || s[7] != '-'
            || !TryDigits(s, 8, 2, out var day) || (s[10] | 0x20) != 't'
            || !TryDigits(s, 11, 2, out var hour) || s[13] != ':' || !TryDigits(s, 14, 2, out var minute)
            || s[16] != ':' || !TryDigits(s, 17, 2, out var second))
            return false;

        var pos = 19;
        long fractionTicks = 0;
        if (s[pos] == '.')
        {
            pos++;
            var start = pos;
            long scale = TimeSpan.TicksPerSecond;
            while (pos < s.Length && IsDigit(s[pos]))
            {
                // Digits beyond 100 ns resolution are truncated, not rounded: never moves a reading across a period edge.
                scale /= 10;
                fractionTicks += (s[pos] - '0') * scale;
                pos++;
            }
            if (pos == start)
                return false;
        }

        if (!TryOffset(s[pos..], out var offsetMinutes))
            return false;

        // Leap second 60 is legal RFC 3339 but not representable; devices with NTP smear never send it.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59 || Math.Abs(offsetMinutes) > 14 * 60)
            return false;

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            return false;

        value = new DateTimeOffset(localTicks, TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> s, out int minutes)
    {
        minutes = 0;
        if (s.Length == 1 && (s[0] | 0x20) == 'z')
            return true;
        if (s.Length != 6 || s[0] is not ((byte)'+' or (byte)'-') || s[3] != ':'
            || !TryDigits(s, 1, 2, out var h) || !TryDigits(s, 4, 2, out var m) || h > 23 || m > 59)
            return false;
        minutes = (s[0] == '-' ? -1 : 1) * ((h * 60) + m);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
                return false;
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
