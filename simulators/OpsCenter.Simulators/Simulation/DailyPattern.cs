namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// The shape of a day in Hai Phong, as pure functions of local time: rush hours for traffic,
/// office hours with a lunch break for one-stop offices. Values are 0..1 activity levels.
/// </summary>
internal static class DailyPattern
{
    /// <summary>Traffic demand: morning (7–9) and evening (16:30–18:30) rush on weekdays, flatter weekends.</summary>
    public static double TrafficDemand(DateTimeOffset local)
    {
        var h = local.TimeOfDay.TotalHours;
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var daytime = SmoothStep(5, 7, h) * (1 - SmoothStep(21, 23.5, h)) * 0.45;
        var morning = Bell(h, 7.9, 0.7) * (weekend ? 0.2 : 0.55);
        var evening = Bell(h, 17.5, 0.75) * (weekend ? 0.3 : 0.55);
        return Math.Clamp(0.08 + daytime + morning + evening, 0, 1);
    }

    /// <summary>People on the street: follows traffic but stays up through the evening (markets, cafés).</summary>
    public static double PedestrianActivity(DateTimeOffset local)
    {
        var h = local.TimeOfDay.TotalHours;
        var daytime = SmoothStep(5, 7, h) * (1 - SmoothStep(22, 23.5, h)) * 0.5;
        return Math.Clamp(0.05 + daytime + Bell(h, 8, 1) * 0.3 + Bell(h, 19, 1.5) * 0.4, 0, 1);
    }

    /// <summary>7:30–11:30 and 13:30–17:00 Monday to Friday, plus Saturday morning.</summary>
    public static bool IsOfficeOpen(DateTimeOffset local)
    {
        var h = local.TimeOfDay.TotalHours;
        var morning = h is >= 7.5 and < 11.5;
        var afternoon = h is >= 13.5 and < 17;
        return local.DayOfWeek switch
        {
            DayOfWeek.Sunday => false,
            DayOfWeek.Saturday => morning,
            _ => morning || afternoon,
        };
    }

    /// <summary>Relative arrival rate at a one-stop office while it is open: busiest mid-morning.</summary>
    public static double OfficeArrivals(DateTimeOffset local)
    {
        if (!IsOfficeOpen(local))
            return 0;
        var h = local.TimeOfDay.TotalHours;
        return Math.Clamp(0.35 + Bell(h, 9.2, 0.9) * 0.65 + Bell(h, 14.7, 0.8) * 0.45, 0, 1);
    }

    private static double Bell(double x, double centre, double width) =>
        Math.Exp(-0.5 * Math.Pow((x - centre) / width, 2));

    private static double SmoothStep(double from, double to, double x)
    {
        var t = Math.Clamp((x - from) / (to - from), 0, 1);
        return t * t * (3 - 2 * t);
    }
}
