namespace OpsCenter.Server.Leaders.Rollups;

/// <summary>
/// The leaders' figures cannot be read now: InfluxDB (the rollups) or PostgreSQL (citizen reports) does not answer.
/// Thrown by <see cref="RollupIndicatorSource"/>; an API request that meets it is answered 503 (see
/// <see cref="RollupsExtensions.MapRollups"/>), a report job fails and is retried by Hangfire.
/// </summary>
public sealed class IndicatorsUnavailableException(string message, Exception inner) : Exception(message, inner);
