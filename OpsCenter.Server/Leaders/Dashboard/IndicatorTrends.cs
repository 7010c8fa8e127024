using System.Globalization;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Leaders.Dashboard;

public enum TrendGrain { Hour, Day, Week, Month }

/// <summary>A trend request as checked: which indicator, scope, grain and whole city days.</summary>
public sealed record TrendQuery(IndicatorDefinition Indicator, string? AreaId, TrendGrain Grain, CityDays Days);

/// <param name="T">Start of the hour, day, week or month (Unix ms; the city's midnight for days and longer).</param>
/// <param name="Period">What the point covers as leaders read it: 2026-11-30T08, 2026-11-30, 2026-W48 (ISO week), 2026-11.</param>
public sealed record TrendPoint(long T, string Period, double? Value);

public sealed record TrendView(string Indicator, string? Area, string Grain, DateOnly From, DateOnly To, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// Trends of one indicator. Hours and days come from the source's trend; a week or a month is the indicator over that
/// whole period, asked of the source as one table (so a rate is weighted over the period, and a count is the period's
/// total), cut at <c>from</c> and <c>to</c>. The ranges are bounded so that one request stays one screenful.
/// </summary>
public sealed class IndicatorTrends(IIndicatorSource source, CityInventory inventory, TimeProvider clock)
{
    public const int MaxHourDays = 7, MaxDayDays = 366, MaxWeeks = 53, MaxMonths = 24;

    private readonly CityCalendar _calendar = CityCalendar.For(inventory);

    /// <summary>Checks the query string; the error says what to send instead.</summary>
    public (TrendQuery? Query, string? Error) Parse(string? indicator, string? area, string? grain, string? from, string? to)
    {
        if (string.IsNullOrWhiteSpace(indicator))
            return (null, $"indicator is required: one of {string.Join(", ", IndicatorCatalog.Measured.Select(d => d.Key))}");
        if (IndicatorCatalog.Find(indicator) is not { } definition)
            return (null, $"unknown indicator '{indicator}': one of {string.Join(", ", IndicatorCatalog.Measured.Select(d => d.Key))}");
        if (!definition.Measured)
            return (null, $"{definition.Key} is not measured here (no device or system connected to OpsCenter measures it), so it has no trend");
        var areaId = string.IsNullOrWhiteSpace(area) ? null : area;
        if (areaId is not null && inventory.Areas.All(a => a.Id != areaId))
            return (null, $"unknown area '{areaId}'");
        TrendGrain parsedGrain = TrendGrain.Day;
        if (!string.IsNullOrWhiteSpace(grain) && (!Enum.TryParse(grain, ignoreCase: true, out parsedGrain) || int.TryParse(grain, out _)))
            return (null, "grain must be hour, day, week or month");

        var today = _calendar.DayOf(clock.GetUtcNow());
        if (!TryDay(to, today, out var last))
            return (null, $"to '{to}' is not a date written yyyy-MM-dd");
        var defaultFrom = parsedGrain switch
        {
            TrendGrain.Hour => last,
            TrendGrain.Day => last.AddDays(-29),
            TrendGrain.Week => CityDays.WeekOf(last).From.AddDays(-7 * 11),
            _ => CityDays.MonthOf(last).From.AddMonths(-11),
        };
        if (!TryDay(from, defaultFrom, out var first))
            return (null, $"from '{from}' is not a date written yyyy-MM-dd");
        if (first > last)
            return (null, "from must not be after to");
        var days = new CityDays(first, last);
        var tooLong = parsedGrain switch
        {
            TrendGrain.Hour when days.Count > MaxHourDays => $"at most {MaxHourDays} days of hours",
            TrendGrain.Day when days.Count > MaxDayDays => $"at most {MaxDayDays} days",
            TrendGrain.Week when Weeks(days).Count() > MaxWeeks => $"at most {MaxWeeks} weeks",
            TrendGrain.Month when Months(days).Count() > MaxMonths => $"at most {MaxMonths} months",
            _ => null,
        };
        return tooLong is null ? (new TrendQuery(definition, areaId, parsedGrain, days), null) : (null, $"the range is too long: {tooLong} per request");
    }

    public async Task<TrendView> ReadAsync(TrendQuery query, CancellationToken cancellationToken)
    {
        var key = query.Indicator.Key;
        List<TrendPoint> points;
        if (query.Grain is TrendGrain.Hour or TrendGrain.Day)
        {
            var grain = query.Grain == TrendGrain.Hour ? IndicatorGrain.Hour : IndicatorGrain.Day;
            var trend = await source.TrendAsync(key, query.AreaId, query.Days, grain, cancellationToken);
            points = [.. trend.Select(p => new TrendPoint(p.Start.ToUnixTimeMilliseconds(), Label(p.Start, query.Grain), p.Value))];
        }
        else
        {
            var periods = (query.Grain == TrendGrain.Week ? Weeks(query.Days) : Months(query.Days)).ToList();
            // One after another: up to 53 periods, and a burst of that many queries would crowd out the rollup jobs.
            var tables = new List<IndicatorTable>(periods.Count);
            foreach (var period in periods)
                tables.Add(await source.TableAsync(period, cancellationToken));
            points = [.. periods.Zip(tables, (period, table) => new TrendPoint(
                _calendar.StartOf(period.From).ToUnixTimeMilliseconds(),
                query.Grain == TrendGrain.Week ? IsoWeek(period.From) : period.From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                (query.AreaId is null ? table.City : table.Areas.GetValueOrDefault(query.AreaId))?[key]))];
        }
        return new TrendView(key, query.AreaId, query.Grain.ToString().ToLowerInvariant(), query.Days.From, query.Days.To, points);
    }

    private static IEnumerable<CityDays> Weeks(CityDays days) => Cut(days, CityDays.WeekOf);

    private static IEnumerable<CityDays> Months(CityDays days) => Cut(days, CityDays.MonthOf);

    private static IEnumerable<CityDays> Cut(CityDays days, Func<DateOnly, CityDays> periodOf)
    {
        for (var start = days.From; start <= days.To;)
        {
            var period = periodOf(start);
            var end = period.To < days.To ? period.To : days.To;
            yield return new CityDays(start, end);
            start = end.AddDays(1);
        }
    }

    private string Label(DateTimeOffset start, TrendGrain grain)
    {
        var local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById(inventory.TimeZone));
        return grain == TrendGrain.Hour
            ? local.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture)
            : local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string IsoWeek(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date).ToString(CultureInfo.InvariantCulture)}-W{ISOWeek.GetWeekOfYear(date):00}";
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
