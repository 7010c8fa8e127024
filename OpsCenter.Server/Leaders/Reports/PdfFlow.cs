using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// Writes top to bottom down A4 pages, starting a new page when the next block would not fit, and numbers the pages
/// at the end (the total is known only then). Every text is DejaVu Sans with Unicode encoding, so the PDF carries the
/// glyphs and their Unicode (diacritics survive copying and pdftotext).
/// </summary>
/// <remarks>
/// The fonts are embedded whole, not subset: DejaVu draws the letters with two marks (ố, ề, ồ, ế…) as composites of a
/// base letter and mark glyphs, and PDFsharp 6.2's subsetter keeps the composite but drops the marks it refers to, so
/// "phố" printed as "pho" while its text still read "phố". Costs about 0.5 MB per PDF (compressed).
/// </remarks>
internal sealed class PdfFlow : IDisposable
{
    public const double Margin = 42;
    private const double FooterHeight = 24;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode, PdfFontEmbedding.EmbedCompleteFontFile);

    private readonly PdfDocument _document = new();
    private XGraphics? _graphics;

    public PdfFlow(string title)
    {
        _document.Info.Title = title;
        _document.Info.Creator = "OpsCenter";
        NewPage();
    }

    public double Y { get; set; }
    public XGraphics Graphics => _graphics!;
    public double Left => Margin;
    public double Width => PageSize.Width - (2 * Margin);
    private static XSize PageSize => new(595.28, 841.89);
    private double Bottom => PageSize.Height - Margin - FooterHeight;

    public static XFont Font(double size, bool bold = false) =>
        new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Reserve(double height)
    {
        if (Y + height > Bottom)
            NewPage();
    }

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    public double TextWidth(string text, XFont font) => Graphics.MeasureString(text, font).Width;

    public void Text(string text, XFont font, XBrush brush, double x, double y) =>
        Graphics.DrawString(text, font, brush, x, y, XStringFormats.TopLeft);

    public void TextRight(string text, XFont font, XBrush brush, double right, double y) =>
        Graphics.DrawString(text, font, brush, right - TextWidth(text, font), y, XStringFormats.TopLeft);

    /// <summary>A paragraph wrapped at word boundaries across the text width.</summary>
    public void Paragraph(string text, XFont font, XBrush brush, double indent = 0, double after = 3)
    {
        var lineHeight = font.Size * 1.35;
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && TextWidth(candidate, font) > Width - indent)
            {
                Reserve(lineHeight);
                Text(line, font, brush, Left + indent, Y);
                Y += lineHeight;
                candidate = word;
            }
            line = candidate;
        }
        Reserve(lineHeight);
        Text(line, font, brush, Left + indent, Y);
        Y += lineHeight + after;
    }

    public void Image(byte[] png, double width, double height)
    {
        Reserve(height);
        using var stream = new MemoryStream(png, writable: false);
        using var image = XImage.FromStream(stream);
        Graphics.DrawImage(image, Left, Y, width, height);
        Y += height;
    }

    /// <summary>Numbers every page ("Trang 1/3") beside <paramref name="footer"/> and returns the finished PDF.</summary>
    public byte[] Finish(string footer)
    {
        _graphics?.Dispose();
        _graphics = null;
        var font = Font(7.5);
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = PageSize.Height - Margin - 10;
            graphics.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, y - 4, PageSize.Width - Margin, y - 4);
            graphics.DrawString(footer, font, XBrushes.Gray, Margin, y, XStringFormats.TopLeft);
            var number = $"Trang {i + 1}/{count}";
            graphics.DrawString(number, font, XBrushes.Gray, PageSize.Width - Margin - graphics.MeasureString(number, font).Width, y, XStringFormats.TopLeft);
        }
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }
}
