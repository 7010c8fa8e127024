namespace OpsCenter.Simulators.Scenarios;

internal static class ScenarioCatalog
{
    public static readonly IReadOnlyList<IScenario> All =
    [
        new AccidentScenario(),
        new CameraOutageScenario(),
        new OfficeBacklogScenario(),
        new CitizenReportsScenario(),
        new FlappingScenario(),
        new BadInputScenario(),
    ];

    public static IScenario? Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
