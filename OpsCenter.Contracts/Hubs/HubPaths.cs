namespace OpsCenter.Contracts.Hubs;

public static class HubPaths
{
    public const string Wall = "/hubs/wall";

    /// <summary>Change-driven views (snapshot, then deltas with sequence numbers): see docs/realtime-api.md.</summary>
    public const string Live = "/hubs/live";
}
