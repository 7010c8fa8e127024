using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Tests.Support;

/// <summary>The simulator's settings as most tests want them: seeded, Hai Phong time, reboots on unless a test says not.</summary>
internal static class SimulationSettings
{
    public static DeviceSimulationSettings Create(int seed = 42, bool reboots = true, double skew = 0) =>
        new(seed, CityTime.HaiPhong, skew, reboots);
}
