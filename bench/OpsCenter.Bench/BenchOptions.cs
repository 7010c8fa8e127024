namespace OpsCenter.Bench;

/// <summary>What a benchmark run measures; read from the command line by <see cref="BenchCommand"/>.</summary>
/// <param name="Mode"><c>ingest</c>, <c>latency</c> (the ingest mode's tail alone), <c>backlog</c> (catching up after an outage), <c>simulator</c>, <c>memory</c>, <c>live</c>, <c>rules</c>, <c>report</c>, <c>rollups</c>, <c>dashboard</c> or <c>all</c>.</param>
/// <param name="Messages">Messages per throughput run.</param>
/// <param name="Brokers"><c>embedded</c> and/or <c>mosquitto</c>, in the order measured.</param>
/// <param name="Clients">Live views: the fan-out steps, in SignalR clients on the city view.</param>
/// <param name="Rate">Live views: the background load through the broker, messages per second.</param>
/// <param name="Trials">Live views: status flips per measurement; dashboard: warm requests of each kind.</param>
/// <param name="ColdTrials">Dashboard: Server restarts, each followed by the first requests and a first page load.</param>
internal sealed record BenchOptions(string Mode, int Messages, IReadOnlyList<string> Brokers, IReadOnlyList<int> Clients, double Rate, int Trials, int ColdTrials = 5)
{
    /// <summary>
    /// <c>all</c> is the ingest, simulator and memory figures, as before: the live run needs PostgreSQL, Node and several
    /// minutes of its own, the rules and report runs PostgreSQL too, the rollups write and roll up 14.4 million points and the dashboard writes a year of rollups and restarts the Server, so they run only when asked for by name.
    /// </summary>
    public bool Runs(string part) => Mode == part || (Mode == "all" && part is not ("latency" or "backlog" or "live" or "rules" or "report" or "rollups" or "dashboard"));
}
