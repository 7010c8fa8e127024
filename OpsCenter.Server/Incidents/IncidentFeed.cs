using System.Collections.Frozen;

namespace OpsCenter.Server.Incidents;

/// <summary>
/// What the <c>incidents</c> live view shows, cached so that building the view never waits for PostgreSQL: the active
/// top-level incidents not silenced by maintenance, and the active counts by severity. A change made through this
/// Server (<see cref="IncidentIntake"/>, <see cref="IncidentLifecycle"/>) asks for a reload at once; a periodic reload
/// catches what other Servers changed. <see cref="Version"/> moves only when what is shown changed.
/// </summary>
public sealed partial class IncidentFeed(IncidentStore store, TimeProvider clock, ILogger<IncidentFeed> logger) : BackgroundService
{
    /// <summary>The wall shows a handful; the console pages through the REST API for more.</summary>
    public const int MaxShown = 200;
    public static readonly TimeSpan Reload = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private volatile FeedSnapshot _current = FeedSnapshot.Empty;
    private long _version;

    public FeedSnapshot Current => _current;

    /// <summary>Moves whenever <see cref="Current"/> shows something new.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Something changed an incident: reload soon. Cheap and safe to call from anywhere.</summary>
    public void Changed()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // a reload is already asked for
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReloadFailed(ex.Message);
            }
            try
            {
                using var timeout = new CancellationTokenSource(Reload, clock);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
                await _changed.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the periodic reload
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(new IncidentQuery(ActiveOnly: true, TopLevelOnly: true, PageSize: MaxShown), cancellationToken);
        var counts = await store.CountActiveBySeverityAsync(cancellationToken);
        var next = new FeedSnapshot(page.Items.Select(FeedItem.Of).ToArray(), counts.ToFrozenDictionary(), page.Total);
        if (next.SameAs(_current))
            return;
        _current = next;
        Interlocked.Increment(ref _version);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The incident feed could not be reloaded: {Error}")]
    private partial void LogReloadFailed(string error);
}

/// <param name="Total">Active top-level incidents, of which at most <see cref="IncidentFeed.MaxShown"/> are in Items.</param>
public sealed record FeedSnapshot(IReadOnlyList<FeedItem> Items, IReadOnlyDictionary<string, long> Counts, long Total)
{
    public static readonly FeedSnapshot Empty = new([], IncidentSeverities.All.ToFrozenDictionary(s => s, _ => 0L), 0);

    public bool SameAs(FeedSnapshot other) =>
        Total == other.Total && Items.SequenceEqual(other.Items)
        && Counts.Count == other.Counts.Count && Counts.All(c => other.Counts.TryGetValue(c.Key, out var n) && n == c.Value);
}

/// <summary>One incident as the feed shows it: no personal data, only what a wall may display.</summary>
public sealed record FeedItem(
    long Id, string Status, string Severity, string Category, string Type, string SourceId, string? AreaId, string Summary,
    DateTimeOffset OpenedAt, int Occurrences, int Version)
{
    public static FeedItem Of(IncidentRow row) => new(
        row.Id, row.Status, row.Severity, row.Category, row.Type, row.SourceId, row.AreaId, row.Summary, row.OpenedAt, row.Occurrences,
        row.Version);
}
