using System.Globalization;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Which report: the 07:00 daily one, the Monday weekly one, or one a leader asked for.</summary>
public enum ReportKind { Daily, Weekly, Custom }

public static class ReportKinds
{
    public static string Name(this ReportKind kind) => kind switch
    {
        ReportKind.Daily => "daily",
        ReportKind.Weekly => "weekly",
        _ => "custom",
    };

    public static ReportKind Parse(string name) => name switch
    {
        "daily" => ReportKind.Daily,
        "weekly" => ReportKind.Weekly,
        "custom" => ReportKind.Custom,
        _ => throw new ArgumentException($"Unknown report kind '{name}': use daily, weekly or custom.", nameof(name)),
    };

    /// <summary>
    /// The period a scheduled report covers when it runs on <paramref name="cityToday"/>: the daily one yesterday, the
    /// weekly one the previous Monday to Sunday.
    /// </summary>
    public static CityDays ScheduledPeriod(this ReportKind kind, DateOnly cityToday) => kind switch
    {
        ReportKind.Daily => CityDays.Day(cityToday.AddDays(-1)),
        ReportKind.Weekly => CityDays.WeekOf(cityToday).Previous,
        _ => throw new ArgumentException("Only daily and weekly reports are scheduled.", nameof(kind)),
    };

    /// <summary>The download's file name, ASCII so every browser and mail client keeps it: <c>bao-cao-ngay-2026-11-30.pdf</c>.</summary>
    public static string PdfFileName(this ReportKind kind, CityDays days) => kind switch
    {
        _ when days.From == days.To => string.Create(CultureInfo.InvariantCulture, $"bao-cao-ngay-{days.From:yyyy-MM-dd}.pdf"),
        ReportKind.Weekly => string.Create(CultureInfo.InvariantCulture, $"bao-cao-tuan-{days.From:yyyy-MM-dd}.pdf"),
        _ => string.Create(CultureInfo.InvariantCulture, $"bao-cao-{days.From:yyyy-MM-dd}-den-{days.To:yyyy-MM-dd}.pdf"),
    };

    /// <summary>The PDF's title, as a leader reads it: "Báo cáo điều hành thành phố — ngày 30/11/2026".</summary>
    public static string Title(this ReportKind kind, CityDays days)
    {
        const string head = "Báo cáo điều hành thành phố — ";
        if (days.From == days.To)
            return head + "ngày " + VietnameseNumbers.Date(days.From);
        if (kind == ReportKind.Weekly)
            return head + string.Create(CultureInfo.InvariantCulture, $"tuần {days.From:dd'/'MM}–{days.To:dd'/'MM'/'yyyy}");
        return head + $"từ {VietnameseNumbers.Date(days.From)} đến {VietnameseNumbers.Date(days.To)}";
    }
}
