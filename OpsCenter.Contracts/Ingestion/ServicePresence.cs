namespace OpsCenter.Contracts.Ingestion;

/// <summary>A service instance saying it is there (<c>online</c>), or its Last Will saying it is gone (<c>offline</c>).</summary>
public sealed record ServicePresence
{
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>A serving instance repeats <c>online</c> this often; three missed beats and it counts as gone.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    public const int MissedBeats = 3;

    public required string Service { get; init; }
    public required string Instance { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset At { get; init; }
}
