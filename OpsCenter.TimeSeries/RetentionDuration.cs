using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCenter.TimeSeries;

/// <summary>
/// Retention durations as settings spell them (<c>30d</c>, <c>365d</c>, <c>12h</c>, <c>2w</c>, <c>INF</c>) and as
/// InfluxDB 1.x shows them (<c>720h0m0s</c>, <c>0s</c> for infinite), so start-up can tell whether a policy must change.
/// </summary>
public static partial class RetentionDuration
{
    public const string Pattern = "^(INF|inf|[1-9][0-9]{0,5}[hdw])$";

    /// <summary>Zero means infinite, as InfluxDB says.</summary>
    public static TimeSpan Parse(string setting)
    {
        if (string.Equals(setting, "INF", StringComparison.OrdinalIgnoreCase))
            return TimeSpan.Zero;
        var number = long.Parse(setting.AsSpan(0, setting.Length - 1), CultureInfo.InvariantCulture);
        return setting[^1] switch
        {
            'h' => TimeSpan.FromHours(number),
            'd' => TimeSpan.FromDays(number),
            'w' => TimeSpan.FromDays(7 * number),
            _ => throw new FormatException($"'{setting}' is not a retention duration (INF, or a number followed by h, d or w)."),
        };
    }

    /// <summary>The InfluxQL literal for a parsed duration: <c>INF</c> or whole hours.</summary>
    public static string ToInfluxQl(TimeSpan duration) =>
        duration == TimeSpan.Zero ? "INF" : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h");

    /// <summary>Go's duration text as <c>SHOW RETENTION POLICIES</c> answers it (<c>8760h0m0s</c>).</summary>
    public static TimeSpan ParseShown(string shown)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in GoDurationPart().Matches(shown))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.Zero,
            };
        }
        return total;
    }

    [GeneratedRegex("([0-9.]+)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex GoDurationPart();
}
