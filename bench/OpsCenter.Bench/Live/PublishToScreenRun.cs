using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OpsCenter.Contracts.Live;
using OpsCenter.Tests.Shared;
using OpsCenter.Tests.Shared.Live;

namespace OpsCenter.Bench.Live;

/// <summary>Publish → screen for one screen: p50/p99 over the flips, how many arrived, resyncs.</summary>
/// <param name="UpstreamP50Ms">Publish → Ingest (the status's <c>since</c>), the part of the path before the Server.</param>
public sealed record ScreenLatency(int Trials, int Seen, double P50Ms, double P99Ms, double MaxMs, int Resyncs, double UpstreamP50Ms, double UpstreamP99Ms);

/// <summary>
/// Publish → screen measured in the .NET client library (LiveViewFollower over WebSockets) in the bench process: the
/// probe publishes a status flip, the follower records when the applied frame carries it. Same process, same clock.
/// </summary>
public static class PublishToScreenRun
{
    public static async Task<ScreenLatency> MeasureAsync(WholeSystem rig, StatusProbe probe, string token, int trials, TimeSpan spacing)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(rig.HubUrl, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await using (connection)
        {
            var follower = new LiveViewFollower(connection);
            var sinceKey = $"device.{probe.DeviceId}.since";
            var stateKey = $"device.{probe.DeviceId}.state";
            var seen = new ConcurrentQueue<(long, string, double)>();
            follower.Changed += (view, document, frame) =>
            {
                var receivedAt = DateTimeOffset.UtcNow;
                if (view == LiveViews.City && frame.Set.ContainsKey(sinceKey)
                    && document.TryGetValue(sinceKey, out var since) && since.ValueKind == JsonValueKind.Number
                    && document.TryGetValue(stateKey, out var state))
                    seen.Enqueue((since.GetInt64(), state.GetString() ?? "", UnixMs(receivedAt)));
            };
            await connection.StartAsync();
            await follower.FollowAsync(LiveViews.City);
            await Eventually.True(() => follower.Document(LiveViews.City).TryGetValue(stateKey, out var s) && s.GetString() == "online",
                TimeSpan.FromSeconds(30), "the probe online on the city view");

            var published = await probe.FlipAsync(trials, spacing);
            var last = published[^1];
            // The last flip's frame, or give up after 10 s: a lost frame is a result, not an error. Flips not seen were
            // either coalesced on the way (two in one Ingest batch: one frame shows the later) or lost; a resync count
            // of 0 with the next flip seen means coalesced.
            await BoundedWait.UntilAsync(() => ProbeLatencies.PerTrial(published, seen).ContainsKey(last.Index), TimeSpan.FromSeconds(10));

            var latencies = ProbeLatencies.PerTrial(published, seen).Values.ToList();
            return new ScreenLatency(trials, latencies.Count, ProbeLatencies.Percentile(latencies, 0.50), ProbeLatencies.Percentile(latencies, 0.99),
                latencies.Count == 0 ? double.NaN : latencies.Max(), follower.Resyncs,
                ProbeLatencies.Percentile(ProbeLatencies.Upstream(published, seen), 0.50), ProbeLatencies.Percentile(ProbeLatencies.Upstream(published, seen), 0.99));
        }
    }

    public static double UnixMs(DateTimeOffset at) =>
        at.ToUnixTimeMilliseconds() + (at.Ticks % TimeSpan.TicksPerMillisecond / (double)TimeSpan.TicksPerMillisecond);
}
