namespace OpsCenter.Contracts.Hubs;

public static class HubPaths
{
    /// <summary>Change-driven views (snapshot, then deltas with sequence numbers): see docs/realtime-api.md.</summary>
    public const string Live = "/hubs/live";
}
