namespace OpsCenter.TimeSeries;

/// <summary>InfluxDB answered a write with something other than success: its status and its own words.</summary>
public sealed class InfluxWriteException(int status, string body)
    : Exception($"InfluxDB answered {status}: {body}")
{
    public int Status { get; } = status;

    /// <summary>The response body as InfluxDB sent it (1.x: <c>{"error":"…"}</c>, 2.x: <c>{"code":…,"message":"…"}</c>).</summary>
    public string Body { get; } = body;
}
