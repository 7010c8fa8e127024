using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Contracts.Live;
using OpsCenter.Server.Incidents;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Live;

/// <summary>The <c>incidents</c> live view through the Server in process: raised and acknowledged incidents as numbered deltas, and a reconnect's full frame.</summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentsViewTests(ServerFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_raised_then_acknowledged_incident_arrives_as_the_next_deltas_and_a_reconnect_gets_it_in_the_whole_document()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = Connect(Roles.Wall);
        var frames = new List<LiveFrame>();
        connection.On<LiveFrame>(nameof(ILiveClient.Frame), f => { lock (frames) frames.Add(f); });
        await connection.StartAsync(ct);
        await connection.InvokeAsync("Follow", LiveViews.Incidents, ct);
        var full = await Eventually.Get(() => Task.FromResult(First(frames, f => f.Full)), f => f is not null, Patience, "the full frame");
        Assert.True(full!.Set.ContainsKey("count.critical"));

        var source = $"cam-view-{Guid.NewGuid():N}";
        var sink = server.Factory.Services.GetRequiredService<IIncidentSink>();
        await sink.RaiseAsync(new IncidentSignal(source, "accident", IncidentSeverities.Critical, IncidentCategories.Camera, "lechan",
            DateTimeOffset.UtcNow, "camera-analytics", $"Camera analytics: accident at {source}"), ct);

        var raised = await Eventually.Get(() => Task.FromResult(First(frames, f => !f.Full && f.Set.Any(kv => kv.Key.EndsWith(".sourceId", StringComparison.Ordinal)
            && kv.Value is JsonElement e && e.GetString() == source))), f => f is not null, Patience, "the delta with the new incident");
        var id = long.Parse(raised!.Set.Single(kv => kv.Value is JsonElement e && e.ValueKind == JsonValueKind.String && e.GetString() == source).Key.Split('.')[1],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("open", Text(raised.Set[$"incident.{id}.status"]));
        Assert.Equal("critical", Text(raised.Set[$"incident.{id}.severity"]));
        Assert.True(raised.Set.ContainsKey("count.critical"));

        var version = ((JsonElement)raised.Set[$"incident.{id}.version"]!).GetInt32();
        var lifecycle = server.Factory.Services.GetRequiredService<IncidentLifecycle>();
        var result = await lifecycle.ApplyAsync(id, version, i => i.Acknowledge("view-tester", DateTimeOffset.UtcNow), ct);
        Assert.Equal(ChangeOutcome.Applied, result.Outcome);
        var acknowledged = await Eventually.Get(() => Task.FromResult(First(frames, f => !f.Full && f.Set.TryGetValue($"incident.{id}.status", out var s)
            && Text(s) == "acknowledged")), f => f is not null, Patience, "the delta with the acknowledgement");

        lock (frames)
        {
            // Nothing missed, nothing twice: one stream, sequence numbers one after another from the full frame's.
            var deltas = frames.Where(f => !f.Full).ToList();
            Assert.All(deltas, f => Assert.Equal(full.Stream, f.Stream));
            Assert.Equal(Enumerable.Range(1, deltas.Count).Select(i => full.Seq + i), deltas.Select(f => f.Seq));
        }

        // A screen that reconnects follows again and gets the whole document, acknowledgement included.
        await using var again = Connect(Roles.Wall);
        var fresh = new TaskCompletionSource<LiveFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        again.On<LiveFrame>(nameof(ILiveClient.Frame), f => { if (f.Full) fresh.TrySetResult(f); });
        await again.StartAsync(ct);
        await again.InvokeAsync("Follow", LiveViews.Incidents, ct);
        var whole = await fresh.Task.WaitAsync(Patience, ct);
        Assert.Equal("acknowledged", Text(whole.Set[$"incident.{id}.status"]));
        Assert.True(whole.Seq >= acknowledged!.Seq);
    }

    private static string? Text(object? value) => value is JsonElement e ? e.GetString() : value?.ToString();

    private HubConnection Connect(string role) =>
        new HubConnectionBuilder().WithUrl(new Uri(server.Factory.Server.BaseAddress, "hubs/live"), o =>
        {
            o.HttpMessageHandlerFactory = _ => server.Factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(server.TokenOf(role));
        }).Build();

    private static LiveFrame? First(List<LiveFrame> frames, Func<LiveFrame, bool> match)
    {
        lock (frames)
            return frames.FirstOrDefault(match);
    }
}
