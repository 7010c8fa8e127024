using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Live;

namespace OpsCenter.Server.Live;

/// <summary>The views this Server keeps for its connections, and which connection follows which.</summary>
public sealed class LiveViewRegistry(LiveDocuments documents, IHubContext<LiveHub, ILiveClient> hub, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, LiveViewChannel> _views = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byConnection = new(StringComparer.Ordinal);

    /// <summary>This process's sequence space: a client that meets another one resynchronises.</summary>
    public string Stream { get; } = Guid.NewGuid().ToString("N")[..12];

    public IEnumerable<LiveViewChannel> Views => _views.Values;

    public async Task FollowAsync(string connectionId, string view, CancellationToken cancellationToken)
    {
        if (!documents.IsKnown(view))
            throw new HubException($"Unknown view '{view}': follow 'city', 'incidents' or 'area:{{areaId}}' with an area of the inventory.");
        var channel = _views.GetOrAdd(view, v => new LiveViewChannel(v, Stream, hub, clock));
        _byConnection.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal))[view] = 0;
        await channel.FollowAsync(connectionId, () => documents.Build(view), cancellationToken);
    }

    public void Unfollow(string connectionId, string view)
    {
        if (_views.TryGetValue(view, out var channel))
            channel.Unfollow(connectionId);
        if (_byConnection.TryGetValue(connectionId, out var views))
            views.TryRemove(view, out _);
    }

    public void Forget(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var views))
            return;
        foreach (var view in views.Keys)
        {
            if (_views.TryGetValue(view, out var channel))
                channel.Unfollow(connectionId);
        }
    }

    public Dictionary<string, object?> Build(string view) => documents.Build(view);
}
