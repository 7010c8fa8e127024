namespace OpsCenter.Contracts.Hubs;

public static class HubPaths
{
    public const string Wall = "/hubs/wall";
}
