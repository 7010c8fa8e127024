namespace OpsCenter.Simulators.Tests.Support;

/// <summary>Rate measurements run alone: on a 2-core machine other tests would steal the CPU they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
