using OpsCenter.Server.Leaders.Indicators;
using ScottPlot;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>One chart of a report: its name in URLs, its Vietnamese caption, and the PNG.</summary>
public sealed record ReportChart(string Name, string Caption, int Width, int Height, byte[] Png);

/// <summary>
/// The report's charts, drawn with ScottPlot in DejaVu Sans (<see cref="ReportFonts"/>) at one size, wide enough to
/// stay sharp across the PDF's text width. An indicator nobody measured is drawn as an empty frame saying so.
/// </summary>
public static class ReportCharts
{
    public const int Width = 1000;
    public const int Height = 450;

    public const string TrafficSpeedByHour = "traffic-speed-by-hour";
    public const string CameraAvailabilityByArea = "camera-availability-by-area";
    public const string OneStopWaitByArea = "one-stop-wait-by-area";
    public const string OneStopOnTimeByArea = "one-stop-on-time-by-area";

    private const string NoData = "Chưa có số liệu";

    public static IReadOnlyList<ReportChart> Draw(ReportContent content) =>
    [
        SpeedByHour(content),
        ByArea(content, CameraAvailabilityByArea, "Camera hoạt động theo khu vực (%)", IndicatorCatalog.CameraAvailabilityPercent, Colors.SteelBlue, 100),
        ByArea(content, OneStopWaitByArea, "Một cửa: thời gian chờ trung bình theo khu vực (phút)", IndicatorCatalog.AverageWaitMinutes, Colors.DarkOrange, null),
        ByArea(content, OneStopOnTimeByArea, "Một cửa: hồ sơ giải quyết đúng hạn theo khu vực (%)", IndicatorCatalog.CasesOnTimePercent, Colors.SeaGreen, 100),
    ];

    private static ReportChart SpeedByHour(ReportContent content)
    {
        const string caption = "Tốc độ giao thông trung bình theo giờ (km/h)";
        var plot = NewPlot(caption);
        var previous = Line(plot, content.PreviousSpeedByHour, "Kỳ trước", Colors.Gray);
        if (previous is not null)
            previous.LinePattern = LinePattern.Dashed;
        var current = Line(plot, content.SpeedByHour, "Kỳ này", Colors.SteelBlue);
        if (current is null && previous is null)
            plot.Add.Annotation(NoData);
        else
            plot.ShowLegend(Alignment.LowerRight);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, 8).Select(i => i * 3.0)], [.. Enumerable.Range(0, 8).Select(i => $"{i * 3}h")]);
        plot.Axes.SetLimitsX(-0.5, 23.5);
        plot.XLabel("Giờ trong ngày");
        plot.Axes.Margins(bottom: 0);
        return Render(plot, TrafficSpeedByHour, caption);
    }

    private static ScottPlot.Plottables.Scatter? Line(Plot plot, IReadOnlyList<double?> byHour, string label, Color color)
    {
        var hours = Enumerable.Range(0, byHour.Count).Where(h => byHour[h] is not null).ToArray();
        if (hours.Length == 0)
            return null;
        var line = plot.Add.Scatter(hours.Select(h => (double)h).ToArray(), hours.Select(h => byHour[h]!.Value).ToArray(), color);
        line.LegendText = label;
        line.LineWidth = 2.5f;
        line.MarkerSize = 5;
        return line;
    }

    private static ReportChart ByArea(ReportContent content, string name, string caption, string key, Color color, double? top)
    {
        var plot = NewPlot(caption);
        var definition = IndicatorCatalog.Find(key)!;
        var measured = false;
        for (var i = 0; i < content.Areas.Count; i++)
        {
            if (content.AreaValue(content.Areas[i].Id, key) is not { } value)
                continue;
            measured = true;
            var bar = plot.Add.Bar(position: i, value: value);
            bar.Color = color;
            bar.Bars[0].Label = VietnameseNumbers.Number(value, definition.Decimals);
        }
        if (!measured)
            plot.Add.Annotation(NoData);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, content.Areas.Count).Select(i => (double)i)], [.. content.Areas.Select(a => a.Name)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        if (content.Areas.Count > 8)
        {
            // Slanted, anchored at their right end under their bar, with room below for the longest name.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.TickLabelStyle.OffsetY = 8;
            plot.Axes.Bottom.MinimumSize = 75;
        }
        plot.Axes.Margins(bottom: 0, top: 0.15);
        if (top is { } max && measured)
            plot.Axes.SetLimitsY(0, max * 1.1);
        return Render(plot, name, caption);
    }

    private static Plot NewPlot(string caption)
    {
        var plot = new Plot();
        plot.Font.Set(ReportFonts.Family);
        plot.Title(caption, size: 20);
        return plot;
    }

    private static ReportChart Render(Plot plot, string name, string caption) =>
        new(name, caption, Width, Height, plot.GetImageBytes(Width, Height, ImageFormat.Png));
}
