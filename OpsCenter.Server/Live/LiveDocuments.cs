using OpsCenter.Contracts.Inventory;
using OpsCenter.Contracts.Live;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Live;

/// <summary>Builds each view's document (keys of docs/realtime-api.md) from what the Server knows now.</summary>
public sealed class LiveDocuments(
    LiveCityState state, DeviceBoard board, IKpiSource kpis, WallFreshness freshness, IncidentFeed incidents, TimeProvider clock)
{
    /// <summary>An area is stale when none of its detectors and offices was heard from for this many reporting intervals.</summary>
    public const int SilentIntervals = 2;

    public bool IsKnown(string view) =>
        view is LiveViews.City or LiveViews.Incidents || (LiveViews.TryParseArea(view, out var areaId) && state.Inventory.Areas.Any(a => a.Id == areaId));

    public Dictionary<string, object?> Build(string view)
    {
        var doc = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddFreshness(doc);
        if (view == LiveViews.City)
        {
            AddKpis(doc, "kpi.", kpis.City());
            foreach (var area in state.Inventory.Areas)
            {
                AddKpis(doc, $"area.{area.Id}.", kpis.Area(area.Id));
                doc[$"area.{area.Id}.stale"] = IsSilent(area.Id);
            }
            foreach (var device in state.Inventory.Devices)
                AddLiveness(doc, device, board.Find(device.Id));
        }
        else if (view == LiveViews.Incidents)
        {
            AddIncidents(doc, incidents.Current);
        }
        else if (LiveViews.TryParseArea(view, out var areaId))
        {
            AddKpis(doc, "kpi.", kpis.Area(areaId));
            doc["area.stale"] = IsSilent(areaId);
            foreach (var device in state.Inventory.Devices.Where(d => d.AreaId == areaId))
            {
                var seen = board.Find(device.Id);
                AddLiveness(doc, device, seen);
                doc[$"device.{device.Id}.lastSeen"] = seen?.LastSeen?.ToUnixTimeMilliseconds();
                if (seen?.Latest is { } latest)
                {
                    foreach (var (field, value) in latest.Numbers)
                        doc[$"device.{device.Id}.r.{field}"] = value;
                    foreach (var (field, value) in latest.Flags)
                        doc[$"device.{device.Id}.r.{field}"] = value;
                    foreach (var (field, value) in latest.Texts)
                        doc[$"device.{device.Id}.r.{field}"] = value;
                }
            }
        }
        return doc;
    }

    private void AddFreshness(Dictionary<string, object?> doc)
    {
        var reasons = freshness.StaleReasons();
        doc["fresh.stale"] = reasons.Count > 0;
        doc["fresh.reasons"] = string.Join(',', reasons);
        doc["fresh.newestAt"] = board.NewestAtMs == 0 ? null : board.NewestAtMs;
    }

    private static void AddIncidents(Dictionary<string, object?> doc, FeedSnapshot feed)
    {
        foreach (var (severity, count) in feed.Counts)
            doc[$"count.{severity}"] = count;
        doc["incidents.total"] = feed.Total;
        foreach (var item in feed.Items)
        {
            var prefix = $"incident.{item.Id}.";
            doc[prefix + "status"] = item.Status;
            doc[prefix + "severity"] = item.Severity;
            doc[prefix + "category"] = item.Category;
            doc[prefix + "type"] = item.Type;
            doc[prefix + "sourceId"] = item.SourceId;
            doc[prefix + "areaId"] = item.AreaId;
            doc[prefix + "summary"] = item.Summary;
            doc[prefix + "openedAt"] = item.OpenedAt.ToUnixTimeMilliseconds();
            doc[prefix + "occurrences"] = item.Occurrences;
            doc[prefix + "version"] = item.Version;
        }
    }

    private static void AddKpis(Dictionary<string, object?> doc, string prefix, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (name, value) in values)
            doc[prefix + name] = value;
    }

    private static void AddLiveness(Dictionary<string, object?> doc, DeviceRecord device, DeviceView? seen)
    {
        doc[$"device.{device.Id}.state"] = seen?.State ?? "unknown";
        doc[$"device.{device.Id}.since"] = seen?.Since?.ToUnixTimeMilliseconds();
    }

    private bool IsSilent(string areaId)
    {
        var now = clock.GetUtcNow();
        var reporting = state.Inventory.Devices.Where(d => d.AreaId == areaId && d.Kind is "traffic" or "counter").ToList();
        if (reporting.Count == 0)
            return false;
        return !reporting.Any(d => board.Find(d.Id)?.LastReceived is { } at
            && now - at <= TimeSpan.FromSeconds(d.ReportingIntervalSeconds * SilentIntervals));
    }
}
