namespace OpsCenter.Contracts.Ingestion;

/// <summary>
/// One validated device message exactly as Ingest stored it in the time-series store.
/// Ingest publishes these to the Server after they are durable, with duplicates already removed,
/// so downstream KPIs never count a message twice.
/// </summary>
public sealed record StoredReading
{
    public required string DeviceId { get; init; }
    public required string Kind { get; init; }
    public required string Channel { get; init; }

    /// <summary>Event type for event messages (e.g. <c>accident</c>, <c>ticketIssued</c>); null otherwise.</summary>
    public string? EventType { get; init; }

    public required DateTimeOffset Ts { get; init; }
    public required long Seq { get; init; }

    /// <summary>True when <see cref="Ts"/> lies before the period now being reported (late data, up to 7 days).</summary>
    public bool Late { get; init; }

    public Dictionary<string, double> Numbers { get; init; } = [];
    public Dictionary<string, bool> Flags { get; init; } = [];
    public Dictionary<string, string> Texts { get; init; } = [];
}

/// <summary>What Ingest publishes on <see cref="InternalTopics.Stored"/>: a batch of readings made durable together.</summary>
public sealed record StoredBatch(IReadOnlyList<StoredReading> Readings);
