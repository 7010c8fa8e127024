using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>A scripted situation in the demo city, and what the control room should see when it plays.</summary>
internal interface IScenario
{
    string Name { get; }
    string Summary { get; }
    IReadOnlyList<string> OperatorsShouldSee { get; }

    /// <summary>How much simulated time the script covers; the clock replays it ending at the present.</summary>
    TimeSpan Length { get; }

    Task RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Everything a scenario may use; tests swap the broker and HTTP handler for in-memory ones. <see cref="ApiKey"/> is the
/// Server's <c>reporter</c> service key that citizen reports are posted with.
/// </summary>
internal sealed record ScenarioContext(
    CityInventory Inventory,
    DeviceSimulationSettings Settings,
    ISimulationClock Clock,
    IDeviceLinkFactory Links,
    IMessageSink Sink,
    HttpClient Http,
    Uri ServerUrl,
    TextWriter Out,
    RunStats Stats,
    ScenarioOptions Options,
    string? ApiKey = null);

/// <summary>Optional knobs; each scenario picks sensible defaults from the inventory when these are unset.</summary>
internal sealed record ScenarioOptions(string? Area = null, string? Road = null, string? Office = null, int? Count = null);
