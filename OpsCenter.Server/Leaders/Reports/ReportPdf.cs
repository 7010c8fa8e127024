using OpsCenter.Server.Leaders.Indicators;
using PdfSharp.Drawing;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// The report as a leader reads it at 07:00: the title and period, the city's indicators against the previous period,
/// the areas side by side, the Decision 766 indicators not measured yet, the charts, and the incidents when there were
/// any. Vietnamese only: it is the city's document.
/// </summary>
public static class ReportPdf
{
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(33, 37, 41));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(108, 117, 125));
    private static readonly XColor Accent = XColor.FromArgb(13, 71, 161);

    public static byte[] Render(ReportContent content, IReadOnlyList<ReportChart> charts)
    {
        using var flow = new PdfFlow(content.Title);
        Header(flow, content);
        IndicatorTables.City(flow, content);
        Unmeasured(flow);
        IndicatorTables.Areas(flow, content);
        Charts(flow, charts);
        if (content.Incidents is { } incidents)
            IncidentSection.Draw(flow, incidents);
        return flow.Finish($"OpsCenter — {content.Title}");
    }

    internal static void Heading(PdfFlow flow, string text)
    {
        flow.Reserve(40);
        flow.Y += 8;
        flow.Graphics.DrawRectangle(new XSolidBrush(Accent), flow.Left, flow.Y + 1, 3, 13);
        flow.Text(text, PdfFlow.Font(12, bold: true), new XSolidBrush(Accent), flow.Left + 8, flow.Y);
        flow.Y += 20;
    }

    internal static XBrush InkBrush => Ink;
    internal static XBrush MutedBrush => Muted;

    private static void Header(PdfFlow flow, ReportContent content)
    {
        flow.Paragraph(content.Title, PdfFlow.Font(15, bold: true), new XSolidBrush(Accent), after: 2);
        var previous = content.Days.Previous;
        flow.Paragraph(
            $"{content.City} · Kỳ báo cáo: {Period(content.Days)} · So sánh với kỳ trước: {Period(previous)}",
            PdfFlow.Font(9), Muted, after: 0);
        flow.Paragraph($"Lập lúc {VietnameseNumbers.DateTime(content.GeneratedAt, content.Zone)} (giờ Việt Nam)", PdfFlow.Font(9), Muted);
    }

    private static string Period(CityDays days) => days.From == days.To
        ? VietnameseNumbers.Date(days.From)
        : $"{VietnameseNumbers.Date(days.From)}–{VietnameseNumbers.Date(days.To)}";

    private static void Unmeasured(PdfFlow flow)
    {
        var unmeasured = IndicatorCatalog.All.Where(d => !d.Measured).ToList();
        if (unmeasured.Count == 0)
            return;
        flow.Y += 4;
        flow.Paragraph("Chỉ tiêu theo Quyết định 766/QĐ-TTg chưa có thiết bị đo:", PdfFlow.Font(9, bold: true), Ink, after: 1);
        foreach (var definition in unmeasured)
            flow.Paragraph($"• {definition.NameVi} (nhóm “{definition.Decision766Group}”): chưa đo", PdfFlow.Font(9), Muted, indent: 8, after: 0);
    }

    private static void Charts(PdfFlow flow, IReadOnlyList<ReportChart> charts)
    {
        Heading(flow, "Biểu đồ");
        foreach (var chart in charts)
        {
            var height = flow.Width * chart.Height / chart.Width;
            flow.Reserve(height + 6);
            flow.Image(chart.Png, flow.Width, height);
            flow.Y += 6;
        }
    }
}
