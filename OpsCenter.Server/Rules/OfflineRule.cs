namespace OpsCenter.Server.Rules;

/// <summary>
/// A device offline (by its status, its Last Will, or Ingest's silence timeout: no data for 3 reporting intervals)
/// for longer than <see cref="Seconds"/>; cleared as soon as it is heard from again.
/// </summary>
public sealed record OfflineRule : RuleDefinition
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => RuleKinds.Offline;

    public string DeviceKind { get; init; } = "";
    public int Seconds { get; init; }
    public RuleScope Scope { get; init; } = RuleScope.Everywhere;

    protected override void ValidateOwn(RuleErrors errors)
    {
        WatchableFields.TryParseKind(DeviceKind, errors, out _);
        if (Seconds is < 0 or > 604_800)
            errors.Add("seconds", "must be 0 … 604800");
        Scope.Validate(errors);
    }
}
