using Microsoft.Extensions.Options;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Reports;

/// <summary>Makes one report: gathers its content, draws the charts, lays out the PDF, stores all of it.</summary>
public sealed class LeaderReportGenerator(ReportAssembler assembler, LeaderReportStore store, IOptions<ReportsOptions> options)
{
    public async Task<StoredReport> GenerateAsync(ReportKind kind, CityDays days, CancellationToken cancellationToken)
    {
        var (content, charts, pdf) = await RenderAsync(kind, days, cancellationToken);
        return await store.SaveReadyAsync(kind, days, content.GeneratedAt, pdf, charts, cancellationToken);
    }

    /// <summary>Everything but storing: what the benchmark times, and what a test can look at without PostgreSQL's help.</summary>
    public async Task<(ReportContent Content, IReadOnlyList<ReportChart> Charts, byte[] Pdf)> RenderAsync(
        ReportKind kind, CityDays days, CancellationToken cancellationToken)
    {
        ReportFonts.Install(options.Value.FontFolder);
        var content = await assembler.AssembleAsync(kind, days, cancellationToken);
        var charts = ReportCharts.Draw(content);
        return (content, charts, ReportPdf.Render(content, charts));
    }
}
