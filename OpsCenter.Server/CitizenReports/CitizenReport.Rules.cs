using System.Globalization;
using System.Text.RegularExpressions;
using OpsCenter.Contracts.CitizenReports;

namespace OpsCenter.Server.CitizenReports;

/// <summary>What a submission must satisfy to become a report (the telemetry contract, "Outside MQTT").</summary>
public sealed partial class CitizenReport
{
    public const int MaxDescriptionLength = 2_000;
    public const int MaxContactFieldLength = 200;
    public const int MaxUrlLength = 2_048;
    public const int MaxSourceLength = 64;

    private static string DefaultSource(string receivedFrom) => receivedFrom.Length > MaxSourceLength ? receivedFrom[..MaxSourceLength] : receivedFrom;

    private static bool IsValidSource(string source, IReadOnlyCollection<string>? known) =>
        known is { Count: > 0 }
            ? known.Contains(source, StringComparer.Ordinal)
            : !string.IsNullOrWhiteSpace(source) && source.Length <= MaxSourceLength && !source.Any(char.IsControl);

    /// <summary>Errors keyed by field, in the shape of an RFC 7807 validation problem; empty when the submission holds.</summary>
    private static Dictionary<string, string[]> Check(ReportSubmission r, out DateTimeOffset ts)
    {
        var errors = new Dictionary<string, string[]>();
        ts = default;
        if (r.ReportId is null || !ReportIdPattern().IsMatch(r.ReportId))
            errors["reportId"] = ["1-64 characters of A-Z a-z 0-9 _ -"];
        if (r.Ts is null || !Rfc3339Pattern().IsMatch(r.Ts)
            || !DateTimeOffset.TryParse(r.Ts, CultureInfo.InvariantCulture, DateTimeStyles.None, out ts))
            errors["ts"] = ["an RFC 3339 time with offset, e.g. 2026-11-26T08:15:00+07:00"];
        if (r.Category is null || !ReportCategories.All.Contains(r.Category))
            errors["category"] = [$"one of {string.Join(", ", ReportCategories.All)}"];
        if (string.IsNullOrWhiteSpace(r.Description) || r.Description.Length > MaxDescriptionLength)
            errors["description"] = [$"1-{MaxDescriptionLength} characters"];
        if (r.Lat is not (>= -90 and <= 90) || r.Lon is not (>= -180 and <= 180))
            errors["position"] = ["lat -90..90 and lon -180..180 are required"];
        if (r.PhotoUrl is not null && !IsHttpUrl(r.PhotoUrl))
            errors["photoUrl"] = [$"an absolute http or https URL of at most {MaxUrlLength} characters"];
        // PostgreSQL text cannot hold NUL; refusing it keeps "stored exactly as sent" true.
        if (new[] { r.Description, r.PhotoUrl, r.Reporter?.Name, r.Reporter?.Phone, r.Reporter?.Email }.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true))
            errors["text"] = ["text fields must not contain NUL characters"];
        if (r.Reporter is { } c && (TooLong(c.Name) || TooLong(c.Phone) || TooLong(c.Email)))
            errors["reporter"] = [$"name, phone and email of at most {MaxContactFieldLength} characters each"];
        return errors;
    }

    private static bool TooLong(string? s) => s is { Length: > MaxContactFieldLength };

    private static bool IsHttpUrl(string url) =>
        url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ReportIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex Rfc3339Pattern();
}
