namespace OpsCenter.TimeSeries;

/// <summary>
/// What the last write to InfluxDB learned that <c>/ping</c> cannot: a server that answers pings can still refuse our
/// credentials or lack our database. Writers report here; <see cref="InfluxHealthCheck"/> reports it on <c>/health</c>.
/// </summary>
public sealed class InfluxWriteHealth
{
    private volatile string? _problem;

    /// <summary>Why writes are failing while InfluxDB answers, or null when the last write got through.</summary>
    public string? Problem => _problem;

    public void WriteAccepted() => _problem = null;

    public void WriteFailed(string problem) => _problem = problem;
}
