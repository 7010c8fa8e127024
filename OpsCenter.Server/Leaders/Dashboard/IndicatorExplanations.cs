using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Dashboard;

/// <summary>What each leaders' indicator means, in a sentence per language for the dashboard (the formulas are in
/// docs/kpis.md, "Leaders' indicators"), and which live KPI shows the same figure for today.</summary>
public static class IndicatorExplanations
{
    public sealed record Explanation(string Vi, string En, string? LiveKpi = null);

    private const string NotMeasuredVi = "Chỉ tiêu của Quyết định 766/QĐ-TTg; chưa có thiết bị hay hệ thống nào nối về đây đo được, nên không hiển thị số.";
    private const string NotMeasuredEn = "An indicator of Decision 766/QĐ-TTg that no device or system connected here measures, so no figure is shown.";

    /// <summary>
    /// The live KPIs (kpi.{name} in the city view, area.{id}.{name} per area) are today's figures by the same formula
    /// over the same events, so the dashboard's today column follows them without a reload. Camera availability and
    /// speed are not mapped: live they are "now", while the day's figure is a mean over the day.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Explanation> ByKey = new Dictionary<string, Explanation>
    {
        [IndicatorCatalog.CasesOnTimePercent] = new(
            "Hồ sơ giải quyết xong trước hoặc đúng hạn hẹn trả (dueAt) trên tổng số hồ sơ giải quyết xong trong kỳ.",
            "Cases resolved on or before their due date, out of all cases resolved in the period.", KpiNames.OnTimeRateToday),
        [IndicatorCatalog.AverageProcessingDays] = new(
            "Số ngày trung bình từ khi tiếp nhận đến khi giải quyết xong, tính trên hồ sơ giải quyết xong trong kỳ.",
            "Mean days from receipt to resolution, over the cases resolved in the period."),
        [IndicatorCatalog.OnlineSharePercent] = new(
            "Hồ sơ nộp trực tuyến trên tổng số hồ sơ tiếp nhận trong kỳ.",
            "Cases filed online, out of all cases received in the period.", KpiNames.OnlineShareToday),
        [IndicatorCatalog.Satisfaction] = new(
            "Điểm đánh giá trung bình (1–5) người dân cho trong kỳ.",
            "Mean of the ratings (1–5) citizens gave in the period.", KpiNames.SatisfactionToday),
        [IndicatorCatalog.AverageWaitMinutes] = new(
            "Thời gian trung bình từ khi lấy số đến khi được gọi, tính trên các số được gọi trong kỳ.",
            "Mean time from taking a ticket to being called, over the tickets called in the period.", KpiNames.AverageWaitMinutesToday),
        [IndicatorCatalog.AverageServiceMinutes] = new(
            "Thời gian trung bình từ khi được gọi đến khi phục vụ xong tại quầy.",
            "Mean time from being called to being served at the counter.", KpiNames.AverageServiceMinutesToday),
        [IndicatorCatalog.NoShowRatePercent] = new(
            "Người được gọi nhưng không đến quầy, trên số được phục vụ cộng số vắng mặt.",
            "Called citizens who never came, out of those served plus those absent.", KpiNames.NoShowRateToday),
        [IndicatorCatalog.TicketsServed] = new(
            "Số lượt người dân được phục vụ xong tại quầy một cửa trong kỳ.",
            "Tickets served at the one-stop counters in the period."),
        [IndicatorCatalog.CitizenReportsReceived] = new(
            "Số phản ánh hiện trường của người dân tiếp nhận trong kỳ.",
            "Citizen field reports received in the period."),
        [IndicatorCatalog.CitizenReportsAnsweredPercent] = new(
            "Phản ánh tiếp nhận trong kỳ đã được trả lời.",
            "Reports received in the period that have been answered."),
        [IndicatorCatalog.CitizenReportsMedianHoursToAnswer] = new(
            "Trung vị số giờ từ khi tiếp nhận đến khi trả lời phản ánh.",
            "Median hours from receiving a report to answering it."),
        [IndicatorCatalog.CameraAvailabilityPercent] = new(
            "Tỷ lệ thời gian camera hoạt động (trực tuyến) trong kỳ, trung bình trên các camera.",
            "Share of the period cameras were online, averaged over cameras."),
        [IndicatorCatalog.AverageSpeedKmh] = new(
            "Tốc độ xe trung bình đo tại các đầu đo giao thông trong kỳ.",
            "Mean vehicle speed measured by the traffic detectors over the period."),
        [IndicatorCatalog.CongestionHours] = new(
            "Tổng số giờ các đầu đo ở trạng thái ùn tắc (cộng theo từng đầu đo).",
            "Hours detectors spent congested, summed over detectors."),
        [IndicatorCatalog.Digitisation] = new(NotMeasuredVi, NotMeasuredEn),
        [IndicatorCatalog.OnlinePayment] = new(NotMeasuredVi, NotMeasuredEn),
        [IndicatorCatalog.Transparency] = new(NotMeasuredVi, NotMeasuredEn),
    };

    public static Explanation Of(string key) => ByKey.TryGetValue(key, out var explanation)
        ? explanation
        : new Explanation("", "");
}
