using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Contracts.Live;
using OpsCenter.Tests.Shared;
using OpsCenter.Tests.Shared.Live;

namespace OpsCenter.Server.Tests.Live;

/// <summary>The live hub through the Server in process, its real broker and a liveness change sent as Ingest would.</summary>
[Collection(ServerCollection.Name)]
public sealed class LiveHubTests(ServerFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_follower_gets_the_whole_city_first_then_only_the_change_with_the_next_sequence()
    {
        await using var connection = Connect(Roles.Wall);
        var frames = new List<LiveFrame>();
        connection.On<LiveFrame>(nameof(ILiveClient.Frame), f => { lock (frames) frames.Add(f); });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync("Follow", LiveViews.City, TestContext.Current.CancellationToken);

        var full = await Eventually.Get(() => Task.FromResult(First(frames, f => f.Full)), f => f is not null, Patience, "the full frame");
        var camera = server.City.Devices.First(d => d.Kind == "camera").Id;
        Assert.True(full!.Set.ContainsKey($"device.{camera}.state"));
        Assert.True(full.Set.ContainsKey("kpi.camerasOnline"));
        Assert.True(full.Set.ContainsKey("fresh.stale"));

        var state = "degraded";
        await AnnounceAsync(camera, state);
        var delta = await Eventually.Get(() => Task.FromResult(First(frames, f => !f.Full && f.Set.TryGetValue($"device.{camera}.state", out var v)
            && v is JsonElement e && e.GetString() == state)), f => f is not null, Patience, "the delta with the camera's new state");
        Assert.Equal(full.Stream, delta!.Stream);
        lock (frames)
        {
            var deltas = frames.Where(f => !f.Full).Select(f => f.Seq).ToList();
            Assert.Equal(full.Seq + 1, deltas[0]);
            Assert.Equal(deltas, Enumerable.Range((int)deltas[0], deltas.Count).Select(i => (long)i).ToList());
            // Only what changed travels: the camera's state, its since-when, the counts it moved, freshness.
            Assert.True(delta.Set.Count < full.Set.Count / 2, $"delta carried {delta.Set.Count} of {full.Set.Count} keys");
        }
    }

    [Fact]
    public async Task A_change_reaches_a_follower_within_the_coalescing_interval()
    {
        await using var connection = Connect(Roles.Operator);
        var follower = new LiveViewFollower(connection);
        var camera = server.City.Devices.Last(d => d.Kind == "camera");
        var view = LiveViews.Area(camera.AreaId);
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        follower.Changed += (v, doc, _) =>
        {
            if (v == view && doc.TryGetValue($"device.{camera.Id}.state", out var s) && s.GetString() == "offline")
                seen.TrySetResult(clock.ElapsedMilliseconds);
        };
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await follower.FollowAsync(view);
        await AnnounceAsync(camera.Id, "online");
        await Eventually.True(() => follower.Document(view).TryGetValue($"device.{camera.Id}.state", out var s) && s.GetString() == "online",
            Patience, "online first");

        clock.Restart();
        await AnnounceAsync(camera.Id, "offline");
        var ms = await seen.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        // Publish → broker → Server → hub → client on one machine: well under a second, including the 100 ms coalescing.
        Assert.True(ms < 1000, $"took {ms} ms");
        Assert.Equal(0, follower.Resyncs);
    }

    [Fact]
    public async Task An_unknown_view_is_refused_by_name_and_following_again_resends_the_whole_document()
    {
        await using var connection = Connect(Roles.Leader);
        var fulls = 0;
        connection.On<LiveFrame>(nameof(ILiveClient.Frame), f => { if (f.Full) Interlocked.Increment(ref fulls); });
        await connection.StartAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => connection.InvokeAsync("Follow", "area:atlantis", TestContext.Current.CancellationToken));
        Assert.Contains("area:atlantis", error.Message, StringComparison.Ordinal);

        await connection.InvokeAsync("Follow", LiveViews.City, TestContext.Current.CancellationToken);
        await connection.InvokeAsync("Follow", LiveViews.City, TestContext.Current.CancellationToken);
        await Eventually.True(() => Volatile.Read(ref fulls) == 2, Patience, "two full frames");
    }

    [Fact]
    public async Task Service_keys_cannot_follow_views()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(server.Factory.Server.BaseAddress, "hubs/live"), o =>
        {
            o.HttpMessageHandlerFactory = _ => server.Factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.Headers[Security.ServiceKeyAuthenticationHandler.HeaderName] = "not-a-key";
        }).Build();
        await using (connection)
            await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync(TestContext.Current.CancellationToken));
    }

    private HubConnection Connect(string role) =>
        new HubConnectionBuilder().WithUrl(new Uri(server.Factory.Server.BaseAddress, "hubs/live"), o =>
        {
            // TestServer has no WebSockets through its handler; long polling carries the same frames.
            o.HttpMessageHandlerFactory = _ => server.Factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(server.TokenOf(role));
        }).Build();

    private async Task AnnounceAsync(string deviceId, string state)
    {
        await using var ingest = await MqttProbe.ConnectAsync(server.BrokerPort, $"live-tests-{Guid.NewGuid():N}", ServiceAccounts.Ingest,
            server.ServiceSecret(ServiceAccounts.Ingest));
        var change = new DeviceLivenessChanged { DeviceId = deviceId, Kind = "camera", State = state, At = DateTimeOffset.UtcNow, Reason = "status" };
        await ingest.PublishAsync(InternalTopics.Liveness(deviceId), JsonSerializer.Serialize(change, IngestionJsonContext.Default.DeviceLivenessChanged));
    }

    private static LiveFrame? First(List<LiveFrame> frames, Func<LiveFrame, bool> match)
    {
        lock (frames)
            return frames.FirstOrDefault(match);
    }
}
