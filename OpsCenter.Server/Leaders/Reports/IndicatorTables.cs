using OpsCenter.Server.Leaders.Indicators;
using PdfSharp.Drawing;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>The report's two tables: the city's indicators against the previous period, and the areas side by side.</summary>
internal static class IndicatorTables
{
    private const double RowHeight = 15;
    private static readonly XBrush Better = new XSolidBrush(XColor.FromArgb(25, 135, 84));
    private static readonly XBrush Worse = new XSolidBrush(XColor.FromArgb(200, 35, 51));
    private static readonly XBrush Zebra = new XSolidBrush(XColor.FromArgb(243, 246, 250));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(226, 232, 240));

    /// <summary>The few indicators compared across areas: what the control room can act on today.</summary>
    public static readonly IReadOnlyList<(string Key, string Header)> AreaColumns =
    [
        (IndicatorCatalog.CameraAvailabilityPercent, "Camera (%)"),
        (IndicatorCatalog.AverageSpeedKmh, "Tốc độ (km/h)"),
        (IndicatorCatalog.AverageWaitMinutes, "Chờ (phút)"),
        (IndicatorCatalog.CasesOnTimePercent, "Đúng hạn (%)"),
        (IndicatorCatalog.TicketsServed, "Lượt phục vụ"),
    ];

    public static void City(PdfFlow flow, ReportContent content)
    {
        ReportPdf.Heading(flow, "Chỉ số toàn thành phố");
        // Name, this period, previous period, change, unit: widths as fractions of the text width.
        double[] widths = [0.43, 0.14, 0.14, 0.16, 0.13];
        var x = Columns(flow, widths);
        HeaderRow(flow, x, widths, ["Chỉ số", "Kỳ này", "Kỳ trước", "Thay đổi", "Đơn vị"], firstLeft: true, lastLeft: true);
        var font = PdfFlow.Font(8.5);
        var row = 0;
        foreach (var definition in IndicatorCatalog.Measured)
        {
            var now = content.Current.City[definition.Key];
            var before = content.Previous.City[definition.Key];
            StartRow(flow, row++);
            flow.Text(definition.NameVi, font, ReportPdf.InkBrush, x[0] + 3, flow.Y + 3);
            flow.TextRight(VietnameseNumbers.Number(now, definition.Decimals), PdfFlow.Font(8.5, bold: true), ReportPdf.InkBrush, x[1] + (widths[1] * flow.Width) - 4, flow.Y + 3);
            flow.TextRight(VietnameseNumbers.Number(before, definition.Decimals), font, ReportPdf.MutedBrush, x[2] + (widths[2] * flow.Width) - 4, flow.Y + 3);
            var (change, brush) = Change(now, before, definition);
            flow.TextRight(change, font, brush, x[3] + (widths[3] * flow.Width) - 4, flow.Y + 3);
            flow.Text(UnitVi(definition), font, ReportPdf.MutedBrush, x[4] + 4, flow.Y + 3);
            flow.Y += RowHeight;
        }
        flow.Paragraph("▲/▼: tăng/giảm so với kỳ trước; xanh là tốt lên, đỏ là xấu đi. “—”: chưa có số liệu.", PdfFlow.Font(7.5), ReportPdf.MutedBrush);
    }

    public static void Areas(PdfFlow flow, ReportContent content)
    {
        if (content.Areas.Count == 0)
            return;
        ReportPdf.Heading(flow, "Theo khu vực");
        var share = (1 - 0.25) / AreaColumns.Count;
        double[] widths = [0.25, .. AreaColumns.Select(_ => share)];
        var x = Columns(flow, widths);
        HeaderRow(flow, x, widths, ["Khu vực", .. AreaColumns.Select(c => c.Header)], firstLeft: true, lastLeft: false);
        var font = PdfFlow.Font(8.5);
        for (var row = 0; row < content.Areas.Count; row++)
        {
            var area = content.Areas[row];
            StartRow(flow, row);
            flow.Text(area.Name, font, ReportPdf.InkBrush, x[0] + 3, flow.Y + 3);
            for (var c = 0; c < AreaColumns.Count; c++)
            {
                var definition = IndicatorCatalog.Find(AreaColumns[c].Key)!;
                var text = VietnameseNumbers.Number(content.AreaValue(area.Id, definition.Key), definition.Decimals);
                flow.TextRight(text, font, ReportPdf.InkBrush, x[c + 1] + (widths[c + 1] * flow.Width) - 4, flow.Y + 3);
            }
            flow.Y += RowHeight;
        }
    }

    /// <summary>"▲ +2,5" in green when the indicator got better, red when worse; grey when unchanged or not comparable.</summary>
    internal static (string Text, XBrush Brush) Change(double? now, double? before, IndicatorDefinition definition)
    {
        if (now is not { } a || before is not { } b)
            return ("—", ReportPdf.MutedBrush);
        var delta = Math.Round(a - b, definition.Decimals);
        if (delta == 0)
            return ("= " + VietnameseNumbers.Signed(0, definition.Decimals), ReportPdf.MutedBrush);
        var better = delta > 0 == definition.HigherIsBetter;
        return ((delta > 0 ? "▲ " : "▼ ") + VietnameseNumbers.Signed(delta, definition.Decimals), better ? Better : Worse);
    }

    internal static string UnitVi(IndicatorDefinition definition) => definition.Unit.Split('|')[0];

    private static double[] Columns(PdfFlow flow, double[] widths)
    {
        var x = new double[widths.Length];
        var at = flow.Left;
        for (var i = 0; i < widths.Length; i++)
        {
            x[i] = at;
            at += widths[i] * flow.Width;
        }
        return x;
    }

    private static void HeaderRow(PdfFlow flow, double[] x, double[] widths, string[] headers, bool firstLeft, bool lastLeft)
    {
        flow.Reserve(RowHeight * 3);
        flow.Graphics.DrawRectangle(HeaderFill, flow.Left, flow.Y, flow.Width, RowHeight + 2);
        var font = PdfFlow.Font(8.5, bold: true);
        for (var i = 0; i < headers.Length; i++)
        {
            var left = (i == 0 && firstLeft) || (i == headers.Length - 1 && lastLeft);
            if (left)
                flow.Text(headers[i], font, ReportPdf.InkBrush, x[i] + (i == 0 ? 3 : 4), flow.Y + 4);
            else
                flow.TextRight(headers[i], font, ReportPdf.InkBrush, x[i] + (widths[i] * flow.Width) - 4, flow.Y + 4);
        }
        flow.Y += RowHeight + 2;
    }

    private static void StartRow(PdfFlow flow, int row)
    {
        flow.Reserve(RowHeight);
        if (row % 2 == 1)
            flow.Graphics.DrawRectangle(Zebra, flow.Left, flow.Y, flow.Width, RowHeight);
    }
}
