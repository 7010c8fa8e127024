using PdfSharp.Drawing;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>The incidents of the period in a few lines, in words a leader uses.</summary>
internal static class IncidentSection
{
    public static void Draw(PdfFlow flow, IncidentSummary incidents)
    {
        ReportPdf.Heading(flow, "Sự cố");
        var font = PdfFlow.Font(9.5);
        var bold = PdfFlow.Font(9.5, bold: true);
        Line(flow, bold, font, "Sự cố mới phát sinh:", $"{Count(incidents.Opened)}{Breakdown(incidents.BySeverity, SeverityVi)}");
        if (incidents.ByCategory.Count > 0)
            Line(flow, bold, font, "Theo lĩnh vực:", string.Join(", ", incidents.ByCategory.Select(c => $"{CategoryVi(c.Name)}: {Count(c.Count)}")));
        Line(flow, bold, font, "Đã xử lý xong:", Count(incidents.Resolved));
        Line(flow, bold, font, "Nâng mức do quá hạn xử lý (SLA):", Count(incidents.Escalated));
        Line(flow, bold, font, "Thời gian tiếp nhận (trung vị):",
            incidents.MedianMinutesToAcknowledge is { } minutes ? $"{VietnameseNumbers.Number(minutes, 1)} phút" : "chưa có sự cố được tiếp nhận");
    }

    private const double ValueColumn = 200;

    /// <summary>The label, then the value beside it, wrapped in its column when long (many categories).</summary>
    private static void Line(PdfFlow flow, XFont labelFont, XFont font, string label, string value)
    {
        flow.Reserve(16);
        flow.Text("• " + label, labelFont, ReportPdf.InkBrush, flow.Left + 4, flow.Y);
        flow.Paragraph(value, font, ReportPdf.InkBrush, indent: ValueColumn, after: 2);
    }

    private static string Count(int count) => VietnameseNumbers.Number(count, 0);

    private static string Breakdown(IReadOnlyList<(string Name, int Count)> groups, Func<string, string> name) =>
        groups.Count == 0 ? "" : " (" + string.Join(", ", groups.Select(g => $"{name(g.Name)}: {Count(g.Count)}")) + ")";

    internal static string SeverityVi(string severity) => severity switch
    {
        "critical" => "khẩn cấp",
        "major" => "nghiêm trọng",
        "minor" => "thông thường",
        "info" => "thông tin",
        _ => severity,
    };

    internal static string CategoryVi(string category) => category switch
    {
        "camera" => "camera",
        "traffic" => "giao thông",
        "office" => "một cửa",
        "device" => "thiết bị",
        "citizen" => "phản ánh của người dân",
        _ => category,
    };
}
