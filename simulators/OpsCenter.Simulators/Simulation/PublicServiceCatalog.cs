namespace OpsCenter.Simulators.Simulation;

/// <summary>A few common administrative procedures at a one-stop office, with their legal processing time.</summary>
internal sealed record PublicService(string Id, TimeSpan ProcessingTime, double ServiceMinutes, double Share)
{
    public static readonly IReadOnlyList<PublicService> Common =
    [
        new("birth-registration", TimeSpan.FromDays(1), 8, 0.22),
        new("certification", TimeSpan.FromHours(8), 5, 0.30),
        new("residence-registration", TimeSpan.FromDays(7), 10, 0.18),
        new("household-business", TimeSpan.FromDays(3), 12, 0.12),
        new("land-registration", TimeSpan.FromDays(10), 15, 0.12),
        new("construction-permit", TimeSpan.FromDays(15), 14, 0.06),
    ];

    public static PublicService Pick(Random random) =>
        random.PickWeighted(Common.Select(s => (s, s.Share)).ToList());
}
