
namespace OpsCenter.Server.Wall;

/// <summary>Whether the Server's figures are current: stamped on every live view as <c>fresh.stale</c> and <c>fresh.reasons</c>.</summary>
public sealed class WallFreshness(LiveCityState state, StoredStreamConsumer stream, StoreWatch store)
{
    public const string IngestAbsent = "ingest";
    public const string BrokerLost = "broker";
    public const string StoreDown = "store";

    public IReadOnlyList<string> StaleReasons()
    {
        var reasons = new List<string>(2);
        if (!stream.IsConnected)
            reasons.Add(BrokerLost);
        if (!state.IngestPresent)
            reasons.Add(IngestAbsent);
        if (!store.IsReachable)
            reasons.Add(StoreDown);
        return reasons;
    }
}
