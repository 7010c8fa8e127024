using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>An area loses power: all its cameras vanish at once without saying goodbye, so their Last Wills fire.</summary>
internal sealed class CameraOutageScenario : IScenario
{
    private static readonly TimeSpan Normal = TimeSpan.FromMinutes(3);

    public string Name => "camera-outage";
    public string Summary => "An area's cameras report normally, then all disconnect abruptly: the broker publishes their Last Will (retained offline).";
    public TimeSpan Length => Normal;

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "Every camera of the area turns offline on the wall map within seconds (Last Will), not after the 90 s liveness timeout.",
        "One grouped 'area outage' incident for the area rather than one alarm per camera.",
        "Availability KPIs for the area drop; the cameras stay offline until a fleet reconnects them.",
        "Note: if `fleet` is running it keeps reporting for the same cameras and brings them back.",
    ];

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var area = context.Options.Area ?? context.Inventory.Devices.Where(d => d.Kind == "camera")
            .GroupBy(d => d.AreaId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var cameras = context.Inventory.Devices.Where(d => d.Kind == "camera" && d.AreaId == area)
            .Select(r => new CameraDevice(r, context.Settings)).ToList();
        if (cameras.Count == 0)
            throw new ArgumentException($"No camera in area '{area}'.");

        await using var devices = new ScenarioDevices(context, cameras);
        await context.Out.WriteLineAsync($"Camera outage in area '{area}': {cameras.Count} cameras ({string.Join(", ", cameras.Select(c => c.Id))})");
        await devices.ConnectAsync(cancellationToken);
        await devices.RunForAsync(Normal, cancellationToken);

        foreach (var camera in cameras)
            await devices.DropAsync(camera);
        await context.Out.WriteLineAsync($"{context.Settings.CityTime.ToLocal(context.Clock.Now):HH:mm:ss} power cut: {cameras.Count} cameras dropped without DISCONNECT; their Last Wills are now retained offline status");
    }
}
