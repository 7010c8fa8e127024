using System.Diagnostics;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Live;

/// <summary>One fan-out step's figures.</summary>
/// <param name="Deliveries">(client, flip) pairs that arrived, of <see cref="Expected"/> = connected clients × flips shown.</param>
/// <param name="FlipsShown">Flips at least one client saw; the others were coalesced before any frame (e.g. two flips
/// in one Ingest batch), which the protocol allows, so they are not counted as lost.</param>
/// <param name="CompleteClients">Clients that saw every flip shown.</param>
/// <param name="FramesPerClientPerSecond">Frames (full and delta) a client received per second in the window, on average.</param>
/// <param name="ServerCpuPerFrameClientUs">Server CPU (user + system) in the window, less its rate with no follower, per frame per client.</param>
public sealed record FanoutStep(
    int Clients, int Connected, string? FirstError, double P50Ms, double P99Ms, double MaxMs, long Deliveries, long Expected,
    int Flips, int FlipsShown, int CompleteClients, int Resyncs, int ClosedClients, double FramesPerClientPerSecond, double ServerCpuPerFrameClientUs,
    double ServerCpuShare, double NodeCpuShare, double UpstreamP50Ms, double UpstreamP99Ms)
{
    public bool Held(double p99LimitMs) => Connected == Clients && Deliveries == Expected && P99Ms <= p99LimitMs;
}

/// <summary>
/// N wall screens (one Node process, WebSockets) follow the city view under the background load; the probe flips its
/// status and every screen's receive time is compared with the publish time. Server CPU is read from /proc around the
/// measured window.
/// </summary>
public static class FanoutRun
{
    public static async Task<FanoutStep> MeasureAsync(WholeSystem rig, StatusProbe probe, string token, int clients, int trials,
        TimeSpan spacing, double idleServerCpuShare)
    {
        await using var fanout = LiveFanoutClients.Start(rig.HubUrl, token, clients, probe.DeviceId);
        // ~25 handshakes a second when the machine is busy; a step that cannot even connect in this time has its answer.
        var (connected, _, firstError) = await fanout.ReadyAsync(TimeSpan.FromSeconds(60 + clients / 10.0));

        await fanout.StartWindowAsync();
        var serverPid = rig.Server.Pid!.Value;
        var (server0, node0, clock) = (ProcessCpu.Used(serverPid), ProcessCpu.Used(fanout.Pid), Stopwatch.StartNew());
        var published = await probe.FlipAsync(trials, spacing);
        // Let the last flip travel; 2 s is far beyond the target, later arrivals count as late, not as lost.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var (server1, node1, window) = (ProcessCpu.Used(serverPid), ProcessCpu.Used(fanout.Pid), clock.Elapsed);
        var reports = await fanout.ReportAsync(TimeSpan.FromSeconds(60 + clients / 20.0));

        var live = reports.Where(r => r.Failed is null).ToList();
        var perClient = live.Select(r => ProbeLatencies.PerTrial(published, r.Probes)).ToList();
        var latencies = perClient.SelectMany(p => p.Values).ToList();
        var upstream = ProbeLatencies.Upstream(published, live.SelectMany(r => r.Probes));
        var shown = perClient.SelectMany(p => p.Keys).Distinct().Count();
        long frames = live.Sum(r => (long)r.Frames);
        var serverCpu = (server1 - server0).TotalSeconds;
        var netServerCpu = serverCpu - idleServerCpuShare * window.TotalSeconds;
        return new FanoutStep(
            clients, live.Count, firstError,
            ProbeLatencies.Percentile(latencies, 0.50), ProbeLatencies.Percentile(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies.Max(),
            latencies.Count, (long)live.Count * shown, published.Count, shown,
            perClient.Count(p => p.Count == shown), live.Sum(r => r.Resyncs), live.Count(r => r.Closed),
            live.Count == 0 ? 0 : frames / (double)live.Count / window.TotalSeconds,
            frames == 0 ? double.NaN : netServerCpu / frames * 1e6,
            serverCpu / window.TotalSeconds, (node1 - node0).TotalSeconds / window.TotalSeconds,
            ProbeLatencies.Percentile(upstream, 0.50), ProbeLatencies.Percentile(upstream, 0.99));
    }

    /// <summary>The Server's CPU share (cores) with the load running and nobody following a view: what the views do not cost.</summary>
    public static async Task<double> IdleServerCpuShareAsync(WholeSystem rig, TimeSpan window)
    {
        var pid = rig.Server.Pid!.Value;
        var (before, clock) = (ProcessCpu.Used(pid), Stopwatch.StartNew());
        await Task.Delay(window);
        return (ProcessCpu.Used(pid) - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }
}
