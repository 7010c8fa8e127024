using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsCenter.Server.Leaders.Figures;

public enum PeriodKind { Year, Quarter, Month, Day }

/// <summary>
/// The period a socio-economic figure is for, in the forms departments publish: <c>2022</c> (year), <c>2022-Q4</c>
/// (quarter), <c>2022-10</c> (month), <c>2022-10-05</c> (day). Calendar periods of the city; no time of day, no zone.
/// </summary>
public readonly partial record struct FigurePeriod(PeriodKind Kind, DateOnly Start)
{
    public const string Formats = "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD";

    /// <summary>Years a figure may be for: old statistics yes, but a typo like 0222 or 20222 is refused.</summary>
    private const int FirstYear = 1900, LastYear = 2200;

    public static bool TryParse(string? text, out FigurePeriod period)
    {
        period = default;
        var match = PeriodPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
            return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < FirstYear or > LastYear)
            return false;
        if (match.Groups["quarter"].Success)
        {
            period = new FigurePeriod(PeriodKind.Quarter, new DateOnly(year, (match.Groups["quarter"].Value[0] - '1') * 3 + 1, 1));
            return true;
        }
        if (!match.Groups["month"].Success)
        {
            period = new FigurePeriod(PeriodKind.Year, new DateOnly(year, 1, 1));
            return true;
        }
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
            return false;
        if (!match.Groups["day"].Success)
        {
            period = new FigurePeriod(PeriodKind.Month, new DateOnly(year, month, 1));
            return true;
        }
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        period = new FigurePeriod(PeriodKind.Day, new DateOnly(year, month, day));
        return true;
    }

    public static FigurePeriod Parse(string kind, DateOnly start) => new(Enum.Parse<PeriodKind>(kind, ignoreCase: true), start);

    /// <summary>The same period one year earlier: what a year-on-year change compares with.</summary>
    public FigurePeriod YearEarlier => new(Kind, Start.AddYears(-1));

    public string KindName => Kind.ToString().ToLowerInvariant();

    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Start.ToString("yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Start.Year.ToString(CultureInfo.InvariantCulture)}-Q{(Start.Month - 1) / 3 + 1}",
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^(?<year>\d{4})(?:-[Qq](?<quarter>[1-4])|-(?<month>\d{2})(?:-(?<day>\d{2}))?)?$")]
    private static partial Regex PeriodPattern();
}
