using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>
/// A busy morning with staff missing: three times the usual citizens, a third of the counters,
/// cases accepted with a short due time and none resolved, so waits grow and due times approach.
/// </summary>
internal sealed class OfficeBacklogScenario : IScenario
{
    private static readonly TimeSpan Span = TimeSpan.FromMinutes(30);

    public string Name => "office-backlog";
    public string Summary => "One one-stop office: tickets pile up, waits grow, cases accepted now approach their due time.";
    public TimeSpan Length => Span;

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "The office's waiting count climbs steadily (tens of tickets) while only a third of its counters are open.",
        "Average wait (called − issued) rises past the office's target; a backlog alert for the office.",
        "Cases received in this run are due within 45 minutes and none is resolved: 'due soon' warnings, then overdue ones if nothing changes.",
    ];

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var record = context.Options.Office is { } id
            ? context.Inventory.Devices.FirstOrDefault(d => d.Id == id && d.Kind == "counter") ?? throw new ArgumentException($"No office '{id}'.")
            : context.Inventory.Devices.Where(d => d.Kind == "counter")
                .OrderBy(d => d.Attributes.GetValueOrDefault("officeType") == "district" ? 0 : 1)
                .ThenByDescending(d => int.TryParse(d.Attributes.GetValueOrDefault("countersTotal"), out var n) ? n : 0)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .First();
        var office = new OneStopOfficeDevice(record, context.Settings)
        {
            ForceOpen = true,
            ArrivalMultiplier = 3,
            CaseDueOverride = TimeSpan.FromMinutes(45),
            HoldResolutions = true,
        };
        office.CountersStaffed = Math.Max(1, office.CountersTotal / 3);

        await using var devices = new ScenarioDevices(context, [office]);
        await context.Out.WriteLineAsync($"Backlog at {record.Name} ({record.Id}): {office.CountersStaffed} of {office.CountersTotal} counters staffed, 3× arrivals");
        await devices.ConnectAsync(cancellationToken);
        var lastReport = context.Clock.Now;
        await devices.RunForAsync(Span, cancellationToken, at =>
        {
            if (at - lastReport < TimeSpan.FromMinutes(5))
                return;
            lastReport = at;
            context.Out.WriteLine($"{context.Settings.CityTime.ToLocal(at):HH:mm:ss} waiting {office.Waiting}");
        });
        await context.Out.WriteLineAsync($"End: {office.Waiting} tickets waiting at {record.Id}");
    }
}
