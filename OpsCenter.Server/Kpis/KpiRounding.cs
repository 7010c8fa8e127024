namespace OpsCenter.Server.Kpis;

/// <summary>How KPIs are rounded for people, and "no data" as null rather than a misleading 0.</summary>
public static class KpiRounding
{
    public static double? Ratio(double part, double whole, int decimals = 1) =>
        whole <= 0 ? null : Math.Round(100 * part / whole, decimals, MidpointRounding.AwayFromZero);

    public static double? Mean(double sum, double count, int decimals = 1) =>
        count <= 0 ? null : Math.Round(sum / count, decimals, MidpointRounding.AwayFromZero);

    public static double? Round(double? value, int decimals = 1) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
