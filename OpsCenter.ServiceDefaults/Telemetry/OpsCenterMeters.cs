namespace OpsCenter.ServiceDefaults;

/// <summary>Names of the meters OpsCenter services publish, so one telemetry pipeline collects them all.</summary>
public static class OpsCenterMeters
{
    public const string Ingest = "OpsCenter.Ingest";
    public const string Server = "OpsCenter.Server";
    public const string Broker = "OpsCenter.Broker";

    public static readonly string[] All = [Ingest, Server, Broker];
}
