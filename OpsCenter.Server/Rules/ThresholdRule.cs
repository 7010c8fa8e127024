namespace OpsCenter.Server.Rules;

/// <summary>
/// A telemetry field beyond a limit, held for <see cref="ForSeconds"/> of device time or <see cref="ReadingsInARow"/>
/// readings; cleared once it is back past <see cref="ClearValue"/> for <see cref="HoldBeforeClearSeconds"/>. The gap
/// between the two limits (hysteresis) keeps a value hovering at the limit from raising and clearing in turn.
/// </summary>
public sealed record ThresholdRule : RuleDefinition
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => RuleKinds.Threshold;

    public string DeviceKind { get; init; } = "";

    /// <summary>A numeric telemetry field of the contract, e.g. <c>averageVehicleSpeed</c>.</summary>
    public string Field { get; init; } = "";

    /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>: the value breaches when <c>value {comparison} Value</c>.</summary>
    public string Comparison { get; init; } = "";

    public double Value { get; init; }

    public int? ForSeconds { get; init; }
    public int? ReadingsInARow { get; init; }

    /// <summary>The raised condition clears once the value is no longer <c>{comparison} ClearValue</c>; defaults to <see cref="Value"/>.</summary>
    public double? ClearValue { get; init; }

    public int HoldBeforeClearSeconds { get; init; }

    /// <summary>Readings further apart than this (device time) do not prove the condition held between them: it starts again.</summary>
    public int MaxGapSeconds { get; init; } = 300;

    public RuleScope Scope { get; init; } = RuleScope.Everywhere;

    public bool Breaches(double value) => Compare(value, Value);

    /// <summary>Past the clear limit: on the other side of the hysteresis band.</summary>
    public bool Clears(double value) => !Compare(value, ClearValue ?? Value);

    private bool Compare(double value, double limit) => Comparison switch
    {
        "<" => value < limit,
        "<=" => value <= limit,
        ">" => value > limit,
        ">=" => value >= limit,
        _ => false,
    };

    protected override void ValidateOwn(RuleErrors errors)
    {
        if (WatchableFields.TryParseKind(DeviceKind, errors, out var kind) && !WatchableFields.ByKind[kind].Contains(Field))
            errors.Add("field", $"must be a numeric {DeviceKind} telemetry field: {string.Join(", ", WatchableFields.ByKind[kind])}");
        if (Comparison is not ("<" or "<=" or ">" or ">="))
            errors.Add("comparison", "must be <, <=, > or >=");
        if (!double.IsFinite(Value))
            errors.Add("value", "must be a finite number");
        if ((ForSeconds is null) == (ReadingsInARow is null))
            errors.Add("forSeconds", "set exactly one of forSeconds and readingsInARow");
        if (ForSeconds is < 0 or > 86_400)
            errors.Add("forSeconds", "must be 0 … 86400");
        if (ReadingsInARow is < 1 or > 1000)
            errors.Add("readingsInARow", "must be 1 … 1000");
        if (HoldBeforeClearSeconds is < 0 or > 86_400)
            errors.Add("holdBeforeClearSeconds", "must be 0 … 86400");
        if (MaxGapSeconds is < 1 or > 86_400)
            errors.Add("maxGapSeconds", "must be 1 … 86400");
        if (ClearValue is { } clear && (!double.IsFinite(clear) || (Comparison.StartsWith('<') ? clear < Value : clear > Value)))
            errors.Add("clearValue", "must lie on the far side of value (≥ value for < and <=, ≤ value for > and >=), so the band between them holds");
        Scope.Validate(errors);
    }
}
