namespace OpsCenter.Server.Rules;

/// <summary>
/// An administrative case file (<c>caseReceived</c> with its <c>dueAt</c>) not resolved by <c>dueAt</c> −
/// <see cref="MarginMinutes"/>: raised then, by the Server's clock; cleared when its <c>caseResolved</c> arrives.
/// </summary>
public sealed record CaseAtRiskRule : RuleDefinition
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => RuleKinds.CaseAtRisk;

    public int MarginMinutes { get; init; }
    public RuleScope Scope { get; init; } = RuleScope.Everywhere;

    protected override void ValidateOwn(RuleErrors errors)
    {
        if (MarginMinutes is < 0 or > 43_200)
            errors.Add("marginMinutes", "must be 0 … 43200 (30 days)");
        Scope.Validate(errors);
    }
}
