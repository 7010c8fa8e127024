namespace OpsCenter.Server.Rules;

/// <summary>
/// A one-stop office falling behind: the mean of <c>waiting</c> over its last <see cref="OverLastReadings"/> readings
/// above <see cref="MaxWaiting"/>, or the mean wait of its last <see cref="OverLastReadings"/> called tickets above
/// <see cref="MaxAverageWaitMinutes"/>. Averaging over several readings is the smoothing; it clears once neither holds
/// for <see cref="HoldBeforeClearSeconds"/>.
/// </summary>
public sealed record OfficeBacklogRule : RuleDefinition
{
    [System.Text.Json.Serialization.JsonIgnore]
    public override string Kind => RuleKinds.OfficeBacklog;

    public double? MaxWaiting { get; init; }
    public double? MaxAverageWaitMinutes { get; init; }
    public int OverLastReadings { get; init; } = 3;
    public int HoldBeforeClearSeconds { get; init; }
    public RuleScope Scope { get; init; } = RuleScope.Everywhere;

    protected override void ValidateOwn(RuleErrors errors)
    {
        if (MaxWaiting is null && MaxAverageWaitMinutes is null)
            errors.Add("maxWaiting", "set maxWaiting, maxAverageWaitMinutes or both");
        if (MaxWaiting is < 0)
            errors.Add("maxWaiting", "must be ≥ 0");
        if (MaxAverageWaitMinutes is < 0)
            errors.Add("maxAverageWaitMinutes", "must be ≥ 0");
        if (OverLastReadings is < 1 or > 100)
            errors.Add("overLastReadings", "must be 1 … 100");
        if (HoldBeforeClearSeconds is < 0 or > 86_400)
            errors.Add("holdBeforeClearSeconds", "must be 0 … 86400");
        Scope.Validate(errors);
    }
}
