namespace OpsCenter.ServiceDefaults;

/// <summary>Names of the activity sources traced when tracing is on, so one tracer provider collects them all.</summary>
public static class OpsCenterActivitySources
{
    public const string Ingest = "OpsCenter.Ingest";
    public const string Server = "OpsCenter.Server";

    /// <summary>Npgsql 10 emits its command spans on this source by itself; listening to it is all tracing needs.</summary>
    public const string Npgsql = "Npgsql";

    public static readonly string[] All = [Ingest, Server, Npgsql];
}
