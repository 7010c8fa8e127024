using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.Kpis;

/// <summary>
/// The city's own days and months (the inventory's time zone, Asia/Ho_Chi_Minh for Hai Phong): "today" on a wall in
/// Hai Phong starts at 00:00 +07:00, not at midnight UTC, and an event belongs to the day of its own timestamp.
/// </summary>
public sealed class CityCalendar(TimeZoneInfo zone)
{
    public static CityCalendar For(CityInventory inventory) => new(TimeZoneInfo.FindSystemTimeZoneById(inventory.TimeZone));

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The instant the given local day begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
