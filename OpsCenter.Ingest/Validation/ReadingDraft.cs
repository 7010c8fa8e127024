namespace OpsCenter.Ingest.Validation;

/// <summary>Values gathered while reading one message; becomes a stored reading only if every check passes.</summary>
internal struct ReadingDraft
{
    public DateTimeOffset Ts;
    public long Seq;
    public string? EventType;
    public Dictionary<string, double>? Numbers;
    public Dictionary<string, bool>? Flags;
    public Dictionary<string, string>? Texts;

    /// <summary>The message type's rules: they size the maps (<see cref="MessageRules.NumberCapacity"/>).</summary>
    public MessageRules Rules;

    public void Number(string key, double value) => (Numbers ??= new(Rules.NumberCapacity))[key] = value;

    public void Flag(string key, bool value) => (Flags ??= new(Rules.FlagCapacity))[key] = value;

    public void Text(string key, string value) => (Texts ??= new(Rules.TextCapacity))[key] = value;
}
