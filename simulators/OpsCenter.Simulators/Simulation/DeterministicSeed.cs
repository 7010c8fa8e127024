namespace OpsCenter.Simulators.Simulation;

/// <summary>
/// Derives per-device random seeds from the run's seed. string.GetHashCode is randomised per process,
/// so a fixed FNV-1a hash keeps the same --seed producing the same messages on every run.
/// </summary>
internal static class DeterministicSeed
{
    public static int For(int seed, string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        hash ^= unchecked((uint)seed * 0x9E3779B9u);
        hash ^= hash >> 15;
        return unchecked((int)hash);
    }

    public static Random RandomFor(int seed, string key) => new(For(seed, key));
}
