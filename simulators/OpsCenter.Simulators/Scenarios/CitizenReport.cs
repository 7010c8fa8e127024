using OpsCenter.Contracts.CitizenReports;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>A field report ("phản ánh hiện trường") as the citizens' app backend posts it.</summary>
internal sealed record CitizenReport(
    string ReportId,
    DateTimeOffset Ts,
    string Category,
    string Description,
    double Lat,
    double Lon,
    string? PhotoUrl,
    Reporter? Reporter);

/// <summary>Personal data: only roles that answer the report may see it.</summary>
internal sealed record Reporter(string Name, string Phone);

internal static class CitizenReportSamples
{
    public static IReadOnlyList<string> Categories => ReportCategories.All;

    public static readonly IReadOnlyDictionary<string, string[]> Descriptions = new Dictionary<string, string[]>
    {
        [ReportCategories.Traffic] = ["Ùn tắc kéo dài tại nút giao {0}, đèn tín hiệu không hoạt động.", "Xe tải đỗ sai quy định trên đường {0} gây cản trở giao thông."],
        [ReportCategories.Environment] = ["Rác thải tồn đọng nhiều ngày trên vỉa hè đường {0}.", "Khói bụi từ công trình xây dựng trên đường {0}, không che chắn."],
        [ReportCategories.UrbanOrder] = ["Lấn chiếm vỉa hè để kinh doanh trên đường {0}.", "Quảng cáo rao vặt dán trên cột điện đường {0}."],
        [ReportCategories.Infrastructure] = ["Ổ gà lớn giữa lòng đường {0}, nguy hiểm cho xe máy.", "Đèn chiếu sáng hỏng cả đoạn đường {0}.", "Nắp cống bị vỡ trên đường {0}."],
        [ReportCategories.Security] = ["Nhóm thanh niên tụ tập gây mất trật tự đêm khuya trên đường {0}."],
        [ReportCategories.Other] = ["Cây xanh có nguy cơ gãy đổ trên đường {0} sau mưa bão."],
    };

    public static readonly IReadOnlyList<string> Names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Vũ Thị Hoa", "Đặng Văn Hùng"];
}
