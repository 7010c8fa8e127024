namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// Whole hours in UTC. Hai Phong's offset (+07:00) is whole hours, so an hour in UTC is an hour of the city's day and
/// a city day (00:00 +07:00 = 17:00 UTC) is 24 of them; the daily rollups are stamped at the day's first instant.
/// </summary>
public static class HourClock
{
    public static DateTimeOffset HourOf(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    public static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        for (var hour = HourOf(from); hour < to; hour = hour.AddHours(1))
            yield return hour;
    }

    public static long Ns(DateTimeOffset t) => t.ToUnixTimeMilliseconds() * 1_000_000;
}
