using System.Globalization;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Numbers, dates and times as a Vietnamese reader expects them: 1.234,5 and 30/11/2026 07:00.</summary>
public static class VietnameseNumbers
{
    /// <summary>Built by hand rather than from CultureInfo("vi-VN"), so a host's ICU data cannot change a report.</summary>
    private static readonly NumberFormatInfo Format = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "-",
        PositiveSign = "+",
    };

    /// <summary>"—" when nothing was measured.</summary>
    public static string Number(double? value, int decimals) =>
        value is { } v && double.IsFinite(v) ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Format) : "—";

    /// <summary>A change with its sign: "+1,5", "-0,3", "0".</summary>
    public static string Signed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals);
        var text = Math.Abs(rounded).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Format);
        return rounded switch { > 0 => "+" + text, < 0 => "-" + text, _ => text };
    }

    public static string Date(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dd'/'MM'/'yyyy HH:mm", CultureInfo.InvariantCulture);
}
