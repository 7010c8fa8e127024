using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Live;

namespace OpsCenter.Server.Live;

/// <summary>
/// Screens follow views here (docs/realtime-api.md). Views hold aggregates, device states and incident summaries, never personal data, so
/// every signed-in person and the wall role may follow them.
/// </summary>
[Authorize(Roles = Roles.AnyPerson)]
public sealed class LiveHub(LiveViewRegistry views) : Hub<ILiveClient>
{
    /// <summary>Maximum views one connection follows: a screen shows a few; more is a misbehaving client.</summary>
    public const int MaxViewsPerConnection = 32;

    public Task Follow(string view)
    {
        if (string.IsNullOrWhiteSpace(view) || view.Length > 100)
            throw new HubException("A view is 'city', 'incidents' or 'area:{areaId}'.");
        var followed = (HashSet<string>)(Context.Items.TryGetValue(nameof(Follow), out var v) ? v! : Context.Items[nameof(Follow)] = new HashSet<string>(StringComparer.Ordinal));
        if (!followed.Contains(view) && followed.Count >= MaxViewsPerConnection)
            throw new HubException($"A connection follows at most {MaxViewsPerConnection} views.");
        followed.Add(view);
        return views.FollowAsync(Context.ConnectionId, view, Context.ConnectionAborted);
    }

    public void Unfollow(string view)
    {
        if (Context.Items.TryGetValue(nameof(Follow), out var v) && v is HashSet<string> followed)
            followed.Remove(view);
        views.Unfollow(Context.ConnectionId, view);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        views.Forget(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
