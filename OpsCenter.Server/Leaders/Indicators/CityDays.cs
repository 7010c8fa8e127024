namespace OpsCenter.Server.Leaders.Indicators;

/// <summary>
/// A run of whole days in the city's own calendar (Asia/Ho_Chi_Minh for Hai Phong; see <c>Kpis/CityCalendar</c>),
/// <see cref="From"/> and <see cref="To"/> both included. Leaders compare periods, so the previous period of the same
/// length is one property away.
/// </summary>
public readonly record struct CityDays(DateOnly From, DateOnly To)
{
    public static CityDays Day(DateOnly day) => new(day, day);

    /// <summary>Monday to Sunday of the week holding <paramref name="day"/> (the city's weeks start on Monday).</summary>
    public static CityDays WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new CityDays(monday, monday.AddDays(6));
    }

    public static CityDays MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new CityDays(first, first.AddMonths(1).AddDays(-1));
    }

    public int Count => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length that ends the day before this one starts.</summary>
    public CityDays Previous => new(From.AddDays(-Count), From.AddDays(-1));

    public IEnumerable<DateOnly> Days()
    {
        for (var day = From; day <= To; day = day.AddDays(1))
            yield return day;
    }

    public override string ToString() => From == To ? From.ToString("yyyy-MM-dd") : $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}";
}
