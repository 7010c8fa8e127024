using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OpsCenter.Contracts.Live;

namespace OpsCenter.Tests.Shared.Live;

/// <summary>
/// A .NET client of /hubs/live following docs/realtime-api.md's rules: full frame replaces, the next delta merges,
/// a gap or another stream asks for the full frame again, and so does every reconnect.
/// </summary>
public sealed class LiveViewFollower
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, ViewState> _views = new(StringComparer.Ordinal);

    public LiveViewFollower(HubConnection connection)
    {
        _connection = connection;
        connection.On<LiveFrame>(nameof(ILiveClient.Frame), OnFrame);
        connection.Reconnected += async _ =>
        {
            foreach (var view in _views.Keys)
                await FollowAsync(view);
        };
    }

    /// <summary>Raised after a frame was applied, with the view's whole document (a copy).</summary>
    public event Action<string, IReadOnlyDictionary<string, JsonElement>, LiveFrame>? Changed;

    public int Resyncs { get; private set; }

    public async Task FollowAsync(string view)
    {
        var state = _views.GetOrAdd(view, _ => new ViewState());
        lock (state)
            state.Synced = false;
        await _connection.InvokeAsync("Follow", view);
    }

    public IReadOnlyDictionary<string, JsonElement> Document(string view)
    {
        if (!_views.TryGetValue(view, out var state))
            return new Dictionary<string, JsonElement>();
        lock (state)
            return new Dictionary<string, JsonElement>(state.Document, StringComparer.Ordinal);
    }

    private void OnFrame(LiveFrame frame)
    {
        var state = _views.GetOrAdd(frame.View, _ => new ViewState());
        IReadOnlyDictionary<string, JsonElement> copy;
        lock (state)
        {
            if (frame.Full)
            {
                state.Document.Clear();
                Merge(state, frame);
                (state.Stream, state.Seq, state.Synced) = (frame.Stream, frame.Seq, true);
            }
            else if (!state.Synced || (frame.Stream == state.Stream && frame.Seq <= state.Seq))
            {
                return;
            }
            else if (frame.Stream != state.Stream || frame.Seq != state.Seq + 1)
            {
                state.Synced = false;
                Resyncs++;
                _ = _connection.InvokeAsync("Follow", frame.View);
                return;
            }
            else
            {
                Merge(state, frame);
                state.Seq = frame.Seq;
            }
            copy = new Dictionary<string, JsonElement>(state.Document, StringComparer.Ordinal);
        }
        Changed?.Invoke(frame.View, copy, frame);
    }

    private static void Merge(ViewState state, LiveFrame frame)
    {
        foreach (var (key, value) in frame.Set)
            state.Document[key] = value is JsonElement e ? e.Clone() : JsonSerializer.SerializeToElement(value);
        foreach (var key in frame.Removed)
            state.Document.Remove(key);
    }

    private sealed class ViewState
    {
        public readonly Dictionary<string, JsonElement> Document = new(StringComparer.Ordinal);
        public string Stream = "";
        public long Seq;
        public bool Synced;
    }
}
