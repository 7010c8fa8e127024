using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace OpsCenter.EndToEnd.Tests.Faults;

/// <summary>What the wall showed at one moment.</summary>
public sealed record WallSample(DateTimeOffset At, string Freshness, int? CamerasOnline, string CamerasTotal, string Url);

/// <summary>What Ingest's device API said at one moment (null count: Ingest did not answer).</summary>
public sealed record TruthSample(DateTimeOffset At, int? CamerasOnline);

/// <summary>
/// Watches the wall in Chromium and the ground truth (Ingest's <c>GET /api/devices</c>) side by side, every ~200 ms,
/// for as long as it runs. The page is only ever touched from here, so samples never race other page calls.
/// </summary>
public sealed class WallWatch : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private const string ReadWall = """
        () => [document.body.dataset.freshness ?? '(missing)',
               document.querySelector('[data-kpi=camerasOnline]')?.textContent?.trim() ?? '',
               document.querySelector('[data-kpi=camerasTotal]')?.textContent?.trim() ?? '',
               location.pathname]
        """;

    private readonly IPage _page;
    private readonly HttpClient _ingest;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<WallSample> _wall = [];
    private readonly List<TruthSample> _truth = [];
    private readonly Task _wallLoop;
    private readonly Task _truthLoop;

    public WallWatch(IPage page, Uri ingestUrl, string bearerToken)
    {
        _page = page;
        _ingest = new HttpClient { BaseAddress = ingestUrl, Timeout = TimeSpan.FromSeconds(1) };
        _ingest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        _wallLoop = Task.Run(WallLoopAsync);
        _truthLoop = Task.Run(TruthLoopAsync);
    }

    public WallSample? LatestWall
    {
        get
        {
            lock (_gate)
                return _wall.Count == 0 ? null : _wall[^1];
        }
    }

    public TruthSample? LatestTruth
    {
        get
        {
            lock (_gate)
                return _truth.Count == 0 ? null : _truth[^1];
        }
    }

    public IReadOnlyList<WallSample> WallSince(DateTimeOffset since)
    {
        lock (_gate)
            return _wall.Where(s => s.At >= since).ToList();
    }

    /// <summary>The camera counts Ingest reported between the two times.</summary>
    public HashSet<int> TruthBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
            return _truth.Where(s => s.At >= from && s.At <= to && s.CamerasOnline is not null).Select(s => s.CamerasOnline!.Value).ToHashSet();
    }

    /// <summary>Waits for the next sample pair taken after now, so a check never reads a value older than its question.</summary>
    public async Task<(WallSample Wall, TruthSample Truth)> NextAsync(TimeSpan timeout)
    {
        var after = DateTimeOffset.UtcNow;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var (wall, truth) = (LatestWall, LatestTruth);
            if (wall is not null && truth is not null && wall.At > after && truth.At > after)
                return (wall, truth);
            await Task.Delay(Interval / 4);
        }
        throw new TimeoutException($"No wall and Ingest sample after {timeout.TotalSeconds:0} s (last wall {LatestWall}, last truth {LatestTruth}).");
    }

    private async Task WallLoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await Tick(timer))
        {
            try
            {
                var values = await _page.EvaluateAsync<string[]>(ReadWall);
                var online = int.TryParse(values[1].Replace(".", "", StringComparison.Ordinal), out var n) ? n : (int?)null;
                lock (_gate)
                    _wall.Add(new WallSample(DateTimeOffset.UtcNow, values[0], online, values[2], values[3]));
            }
            catch (PlaywrightException)
            {
                // Mid-navigation (e.g. sent to the login page): the next tick sees where it landed.
            }
        }
    }

    private async Task TruthLoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        while (await Tick(timer))
        {
            int? online;
            try
            {
                var devices = await _ingest.GetFromJsonAsync<JsonElement>("api/devices?kind=camera", _stop.Token);
                online = devices.EnumerateArray().Count(d => d.GetProperty("state").GetString() == "online");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                if (_stop.IsCancellationRequested)
                    return;
                online = null;
            }
            lock (_gate)
                _truth.Add(new TruthSample(DateTimeOffset.UtcNow, online));
        }
    }

    private async Task<bool> Tick(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_wallLoop, _truthLoop);
        _ingest.Dispose();
        _stop.Dispose();
    }
}
