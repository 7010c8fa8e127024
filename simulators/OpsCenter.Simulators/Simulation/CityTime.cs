namespace OpsCenter.Simulators.Simulation;

/// <summary>Converts instants to the city's local time, where daily life (rush hours, office hours) happens.</summary>
internal sealed class CityTime
{
    public static readonly CityTime HaiPhong = new("Asia/Ho_Chi_Minh");

    private readonly TimeZoneInfo _zone;

    public CityTime(string timeZoneId)
    {
        // Viet Nam has had no daylight saving since 1975; a fixed +07:00 is a safe fallback
        // on machines without the IANA database.
        _zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(timeZoneId, TimeSpan.FromHours(7), timeZoneId, timeZoneId);
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);
}
