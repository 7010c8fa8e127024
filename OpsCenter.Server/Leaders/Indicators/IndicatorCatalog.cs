namespace OpsCenter.Server.Leaders.Indicators;

/// <summary>
/// One leaders' indicator: its key (API, rollups, reports), names and unit in Vietnamese and English, which way is
/// better, and the Decision 766/QĐ-TTg (2022) criterion group it answers, if any. <see cref="Measured"/> false marks an
/// indicator of that decision that no device here measures: listed as such, never given a value.
/// </summary>
/// <param name="Unit">"vi|en" when the languages differ (e.g. "phút|min"), else one text for both.</param>
public sealed record IndicatorDefinition(
    string Key,
    string NameVi,
    string NameEn,
    string Unit,
    int Decimals,
    bool HigherIsBetter,
    string? Decision766Group,
    bool Measured = true);

/// <summary>The leaders' indicators in display order. Formulas are in docs/kpis.md, section "Leaders' indicators".</summary>
public static class IndicatorCatalog
{
    public const string CasesOnTimePercent = "casesOnTimePercent";
    public const string AverageProcessingDays = "averageProcessingDays";
    public const string OnlineSharePercent = "onlineSharePercent";
    public const string Satisfaction = "satisfaction";
    public const string AverageWaitMinutes = "averageWaitMinutes";
    public const string AverageServiceMinutes = "averageServiceMinutes";
    public const string NoShowRatePercent = "noShowRatePercent";
    public const string TicketsServed = "ticketsServed";
    public const string CitizenReportsReceived = "citizenReportsReceived";
    public const string CitizenReportsAnsweredPercent = "citizenReportsAnsweredPercent";
    public const string CitizenReportsMedianHoursToAnswer = "citizenReportsMedianHoursToAnswer";
    public const string CameraAvailabilityPercent = "cameraAvailabilityPercent";
    public const string AverageSpeedKmh = "averageSpeedKmh";
    public const string CongestionHours = "congestionHours";
    public const string Digitisation = "digitisationPercent";
    public const string OnlinePayment = "onlinePaymentPercent";
    public const string Transparency = "transparencyPercent";

    private const string Progress = "Tiến độ, kết quả giải quyết";
    private const string OnlineServices = "Cung cấp dịch vụ trực tuyến";
    private const string SatisfactionGroup = "Mức độ hài lòng";

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        new(CasesOnTimePercent, "Hồ sơ giải quyết trước và đúng hạn", "Cases resolved early or on time", "%", 1, true, Progress),
        new(AverageProcessingDays, "Thời gian xử lý hồ sơ trung bình", "Average case processing time", "ngày|days", 1, false, Progress),
        new(OnlineSharePercent, "Hồ sơ nộp trực tuyến", "Cases filed online", "%", 1, true, OnlineServices),
        new(Satisfaction, "Mức độ hài lòng (đánh giá 1–5)", "Satisfaction (rating 1–5)", "/5", 2, true, SatisfactionGroup),
        new(AverageWaitMinutes, "Thời gian chờ trung bình", "Average wait", "phút|min", 1, false, null),
        new(AverageServiceMinutes, "Thời gian phục vụ trung bình", "Average service time", "phút|min", 1, false, null),
        new(NoShowRatePercent, "Tỷ lệ vắng mặt khi gọi số", "No-show rate", "%", 1, false, null),
        new(TicketsServed, "Lượt phục vụ tại quầy", "Citizens served at the counter", "lượt|visits", 0, true, null),
        new(CitizenReportsReceived, "Phản ánh hiện trường tiếp nhận", "Citizen field reports received", "phản ánh|reports", 0, true, null),
        new(CitizenReportsAnsweredPercent, "Phản ánh đã trả lời", "Citizen reports answered", "%", 1, true, null),
        new(CitizenReportsMedianHoursToAnswer, "Thời gian trả lời phản ánh (trung vị)", "Median time to answer a report", "giờ|h", 1, false, null),
        new(CameraAvailabilityPercent, "Camera hoạt động", "Camera availability", "%", 1, true, null),
        new(AverageSpeedKmh, "Tốc độ giao thông trung bình", "Average traffic speed", "km/h", 1, true, null),
        new(CongestionHours, "Giờ ùn tắc (cộng theo đầu đo)", "Congestion hours (summed over detectors)", "giờ|h", 1, false, null),
        new(Digitisation, "Số hóa hồ sơ, kết quả giải quyết", "Digitisation of case files and results", "%", 1, true, "Số hóa hồ sơ", Measured: false),
        new(OnlinePayment, "Thanh toán trực tuyến", "Online payment", "%", 1, true, "Thanh toán trực tuyến", Measured: false),
        new(Transparency, "Công khai, minh bạch", "Publicity and transparency", "%", 1, true, "Công khai, minh bạch", Measured: false),
    ];

    public static IEnumerable<IndicatorDefinition> Measured => All.Where(d => d.Measured);

    /// <summary>
    /// Counts that grow with an area's size and through the day (not rates or means): a day still under way has less of
    /// them than a whole one, and a big district more than a small one, so neither is a like-for-like comparison.
    /// </summary>
    public static readonly IReadOnlySet<string> Volumes = new HashSet<string>(StringComparer.Ordinal)
        { TicketsServed, CitizenReportsReceived, CongestionHours };

    public static IndicatorDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
