using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Ingest.Validation;

/// <summary>Values gathered while reading one message; becomes a stored reading only if every check passes.</summary>
internal struct ReadingDraft(MessageRules rules)
{
    public DateTimeOffset Ts;
    public long Seq;
    public string? EventType;

    /// <summary>By slot of the message type's layout (<see cref="MessageRules.Slots"/>): no maps are made.</summary>
    public ReadingValues Values = new(rules.Layout);
}
