using Microsoft.AspNetCore.SignalR;
using OpsCenter.Contracts.Live;

namespace OpsCenter.Server.Live;

/// <summary>
/// One view on this Server: its followers, the document last sent and its sequence. A gate keeps a follower's full
/// frame and the deltas in order: a new follower gets the document as of sequence N, and the next delta is N + 1.
/// </summary>
public sealed class LiveViewChannel(string view, string stream, IHubContext<LiveHub, ILiveClient> hub, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _followers = new(StringComparer.Ordinal);
    private Dictionary<string, object?>? _document;
    private long _seq;

    public string View => view;

    public int FollowerCount
    {
        get
        {
            lock (_followers)
                return _followers.Count;
        }
    }

    public async Task FollowAsync(string connectionId, Func<Dictionary<string, object?>> build, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A first follower, or a follower of a view nobody watched for a while: build it fresh.
            _document ??= build();
            lock (_followers)
                _followers.Add(connectionId);
            await hub.Clients.Client(connectionId).Frame(Frame(full: true, _document, []));
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Unfollow(string connectionId)
    {
        lock (_followers)
            _followers.Remove(connectionId);
    }

    /// <summary>Builds the document again and sends what changed to every follower; returns whether anything was sent.</summary>
    public async Task<bool> PublishAsync(Func<Dictionary<string, object?>> build, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            string[] followers;
            lock (_followers)
                followers = [.. _followers];
            if (followers.Length == 0)
            {
                _document = null; // nobody watches: stop keeping it current, rebuild on the next follow
                return false;
            }
            var next = build();
            var (set, removed) = Diff(_document ?? [], next);
            _document = next;
            if (set.Count == 0 && removed.Count == 0)
                return false;
            _seq++;
            await hub.Clients.Clients(followers).Frame(Frame(full: false, set, removed));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private LiveFrame Frame(bool full, IReadOnlyDictionary<string, object?> set, IReadOnlyList<string> removed) => new()
    {
        View = view, Stream = stream, Seq = _seq, Full = full, At = clock.GetUtcNow(), Set = set, Removed = removed,
    };

    internal static (Dictionary<string, object?> Set, List<string> Removed) Diff(
        IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        var set = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old) || !Equals(old, value))
                set[key] = value;
        }
        var removed = before.Keys.Where(k => !after.ContainsKey(k)).ToList();
        return (set, removed);
    }
}
