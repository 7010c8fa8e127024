using PdfSharp.Fonts;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>
/// DejaVu Sans, regular and bold, read from <see cref="ReportsOptions.FontFolder"/>: the one font of the PDF and the
/// charts, because it has every Vietnamese diacritic. PDFsharp 6 finds no system fonts on Linux and ScottPlot's SkiaSharp
/// build has no fontconfig, so both get the files themselves. Both libraries keep fonts process-wide, so they are handed
/// over once per process; a missing file fails the first report with a message that says what to install.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans.ttf";
    private const string Bold = "DejaVuSans-Bold.ttf";

    private static readonly Lock Gate = new();
    private static ReportFonts? _installed;

    private readonly Dictionary<string, byte[]> _faces;

    private ReportFonts(string folder)
    {
        _faces = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [Regular] = Read(folder, Regular),
            [Bold] = Read(folder, Bold),
        };
        Folder = folder;
    }

    public string Folder { get; }

    /// <summary>Loads the fonts and hands them to PDFsharp and ScottPlot, the first time only.</summary>
    public static ReportFonts Install(string folder)
    {
        lock (Gate)
        {
            if (_installed is not null)
                return _installed;
            var fonts = Load(folder);
            GlobalFontSettings.FontResolver = fonts;
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(folder, Regular), bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(folder, Bold), bold: true, italic: false);
            ScottPlot.Fonts.Default = Family;
            _installed = fonts;
            return fonts;
        }
    }

    /// <summary>Reads both files; throws, naming what to install, when one is missing.</summary>
    internal static ReportFonts Load(string folder) => new(folder);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for is DejaVu Sans: the layout names only it, and a stray default must not fail a report.
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);

    private static byte[] Read(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The reports' font {path} is missing: install Debian's fonts-dejavu-core (scripts/install-prerequisites.sh) or point Reports:FontFolder at a folder holding {Regular} and {Bold}.",
                path);
        return File.ReadAllBytes(path);
    }
}
