namespace OpsCenter.Bench;

/// <summary>What a benchmark run measures; read from the command line by <see cref="BenchCommand"/>.</summary>
/// <param name="Mode"><c>ingest</c>, <c>simulator</c>, <c>memory</c> or <c>all</c>.</param>
/// <param name="Messages">Messages per throughput run.</param>
/// <param name="Brokers"><c>embedded</c> and/or <c>mosquitto</c>, in the order measured.</param>
internal sealed record BenchOptions(string Mode, int Messages, IReadOnlyList<string> Brokers)
{
    public bool Runs(string part) => Mode == part || Mode == "all";
}
