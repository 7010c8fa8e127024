using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Leaders.Reports;

namespace OpsCenter.Server.Tests.Leaders.Reports;

/// <summary>The report's periods, titles, file names and numbers, as a Vietnamese reader expects them.</summary>
public sealed class ReportWordingTests
{
    [Theory]
    [InlineData("2026-12-01", "daily", "2026-11-30", "2026-11-30")]
    [InlineData("2026-12-01", "weekly", "2026-11-23", "2026-11-29")] // a Tuesday: still the week that ended last Sunday
    [InlineData("2026-11-30", "weekly", "2026-11-23", "2026-11-29")] // the Monday it runs on
    [InlineData("2026-01-01", "daily", "2025-12-31", "2025-12-31")]
    public void Scheduled_reports_cover_yesterday_or_the_previous_Monday_to_Sunday(string today, string kind, string from, string to)
    {
        var days = ReportKinds.Parse(kind).ScheduledPeriod(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"{from}..{to}", $"{days.From:yyyy-MM-dd}..{days.To:yyyy-MM-dd}");
    }

    [Fact]
    public void Titles_and_file_names_say_the_day_or_the_week()
    {
        var day = CityDays.Day(new DateOnly(2026, 11, 30));
        var week = new CityDays(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29));
        Assert.Equal("Báo cáo điều hành thành phố — ngày 30/11/2026", ReportKind.Daily.Title(day));
        Assert.Equal("Báo cáo điều hành thành phố — tuần 23/11–29/11/2026", ReportKind.Weekly.Title(week));
        Assert.Equal("Báo cáo điều hành thành phố — từ 23/11/2026 đến 29/11/2026", ReportKind.Custom.Title(week));
        Assert.Equal("bao-cao-ngay-2026-11-30.pdf", ReportKind.Daily.PdfFileName(day));
        Assert.Equal("bao-cao-tuan-2026-11-23.pdf", ReportKind.Weekly.PdfFileName(week));
        Assert.Equal("bao-cao-2026-11-23-den-2026-11-29.pdf", ReportKind.Custom.PdfFileName(week));
    }

    [Theory]
    [InlineData(1234.5, 1, "1.234,5")]
    [InlineData(1234567.0, 0, "1.234.567")]
    [InlineData(0.25, 2, "0,25")]
    [InlineData(null, 1, "—")]
    [InlineData(double.NaN, 1, "—")]
    public void Numbers_use_the_Vietnamese_separators(double? value, int decimals, string expected) =>
        Assert.Equal(expected, VietnameseNumbers.Number(value, decimals));

    [Fact]
    public void A_change_is_green_when_better_red_when_worse_whichever_way_better_points()
    {
        var speed = IndicatorCatalog.Find(IndicatorCatalog.AverageSpeedKmh)!; // higher is better
        var wait = IndicatorCatalog.Find(IndicatorCatalog.AverageWaitMinutes)!; // lower is better
        var (up, upBrush) = IndicatorTables.Change(31.6, 28.1, speed);
        var (down, downBrush) = IndicatorTables.Change(12.4, 14.1, wait);
        var (worse, worseBrush) = IndicatorTables.Change(14.1, 12.4, wait);
        Assert.Equal(("▲ +3,5", "▼ -1,7", "▲ +1,7"), (up, down, worse));
        Assert.Same(upBrush, downBrush);
        Assert.NotSame(upBrush, worseBrush);
        Assert.Equal("—", IndicatorTables.Change(null, 3, speed).Text);
    }

    [Fact]
    public void A_missing_font_says_which_file_and_what_to_install()
    {
        var folder = Directory.CreateTempSubdirectory("opscenter-no-fonts-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => ReportFonts.Load(folder));
            Assert.Contains(Path.Combine(folder, "DejaVuSans.ttf"), error.Message, StringComparison.Ordinal);
            Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
            Assert.Contains("Reports:FontFolder", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
