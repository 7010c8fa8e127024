using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>
/// A crash at a junction: the camera there raises an accident event, speeds collapse on the road's
/// detectors, then congestion spreads to nearby detectors before it clears.
/// </summary>
internal sealed class AccidentScenario : IScenario
{
    private static readonly TimeSpan Baseline = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Blocked = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(6);

    public string Name => "accident";
    public string Summary => "A camera 'accident' event at a junction; speeds collapse on the road and congestion spreads to nearby detectors.";
    public TimeSpan Length => Baseline + Blocked + Recovery;

    public IReadOnlyList<string> OperatorsShouldSee =>
    [
        "A critical 'accident' camera event on the wall and an incident opened at that junction (snapshot link attached).",
        "Within 1–3 minutes the road's detectors turn congested: speed below 10 km/h, occupancy above 0.6.",
        "About 4 minutes later nearby detectors slow down too (congestion spreading on the map).",
        "After ~14 minutes speeds recover and the congestion alerts clear; the incident stays until an operator closes it.",
    ];

    public async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var road = context.Options.Road ?? BusiestRoad(context.Inventory);
        var onRoad = context.Inventory.Devices.Where(d => d.Kind == "traffic" && d.Attributes.GetValueOrDefault("road") == road).ToList();
        if (onRoad.Count == 0)
            throw new ArgumentException($"No traffic detector on road '{road}'.");
        var nearby = NearbyDetectors(context.Inventory, onRoad);
        var cameraRecord = JunctionCamera(context.Inventory, road, onRoad[0]);

        var roadDetectors = onRoad.Select(r => new TrafficDetectorDevice(r, context.Settings)).ToList();
        var nearbyDetectors = nearby.Select(r => new TrafficDetectorDevice(r, context.Settings)).ToList();
        var camera = new CameraDevice(cameraRecord, context.Settings);
        await using var devices = new ScenarioDevices(context, [camera, .. roadDetectors, .. nearbyDetectors]);

        await context.Out.WriteLineAsync($"Accident on {road}: camera {camera.Id}; detectors on the road: {string.Join(", ", roadDetectors.Select(d => d.Id))}; nearby: {string.Join(", ", nearbyDetectors.Select(d => d.Id))}");
        await devices.ConnectAsync(cancellationToken);
        await devices.RunForAsync(Baseline, cancellationToken);

        var crashAt = context.Clock.Now;
        camera.Raise(CameraEventType.Accident, Severity.Critical, crashAt, objectCount: 3, confidence: 0.93);
        camera.Raise(CameraEventType.Crowd, Severity.Minor, crashAt + TimeSpan.FromSeconds(50), objectCount: 35, confidence: 0.81);
        await context.Out.WriteLineAsync($"{Local(context, crashAt)} accident event raised at {camera.Id}");

        await devices.RunForAsync(Blocked + Recovery, cancellationToken, at =>
        {
            var since = at - crashAt;
            var recovering = since > Blocked ? Math.Clamp((since - Blocked) / Recovery, 0, 1) : 0;
            foreach (var d in roadDetectors)
                d.Impact = Math.Clamp(since / TimeSpan.FromMinutes(3), 0, 1) * (1 - recovering);
            foreach (var d in nearbyDetectors)
                d.Impact = 0.6 * Math.Clamp((since - TimeSpan.FromMinutes(4)) / TimeSpan.FromMinutes(5), 0, 1) * (1 - recovering);
        });
        await context.Out.WriteLineAsync($"{Local(context, context.Clock.Now)} traffic back to normal on {road}");
    }

    private static string Local(ScenarioContext context, DateTimeOffset at) => context.Settings.CityTime.ToLocal(at).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string BusiestRoad(CityInventory inventory) => inventory.Devices
        .Where(d => d.Kind == "traffic" && d.Attributes.ContainsKey("road"))
        .GroupBy(d => d.Attributes["road"])
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .First().Key;

    private static List<DeviceRecord> NearbyDetectors(CityInventory inventory, List<DeviceRecord> onRoad) => inventory.Devices
        .Where(d => d.Kind == "traffic" && !onRoad.Contains(d))
        .Select(d => (Device: d, Metres: onRoad.Min(r => Geo.DistanceMetres(r.Lat, r.Lon, d.Lat, d.Lon))))
        .Where(x => x.Metres < 3000)
        .OrderBy(x => x.Metres).ThenBy(x => x.Device.Id, StringComparer.Ordinal)
        .Take(6)
        .Select(x => x.Device)
        .ToList();

    private static DeviceRecord JunctionCamera(CityInventory inventory, string road, DeviceRecord detector) => inventory.Devices
        .Where(d => d.Kind == "camera" && d.Attributes.GetValueOrDefault("placement") != "office")
        .OrderBy(d => d.Attributes.GetValueOrDefault("road") == road ? 0 : 1)
        .ThenBy(d => Geo.DistanceMetres(d.Lat, d.Lon, detector.Lat, detector.Lon))
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .First();
}
