namespace OpsCenter.Server.Rules;

/// <summary>
/// Where one rule stands for one source (a device, an office, a case): a row of <c>rule_state</c>. Only sources
/// whose condition holds, or that are raised, have one; the rest are forgotten.
/// </summary>
/// <param name="ConditionSince">When the condition began to hold (threshold rules: device time), or when it is due (cases).</param>
/// <param name="ClearSince">When a raised condition was first seen clear; null while it still holds.</param>
/// <param name="Detail">What the source needs to be reported again after a restart (a case's office).</param>
/// <param name="UpdatedAt">The time base of the last change: the reading's <c>ts</c> for threshold and backlog rules.</param>
public sealed record RuleState(
    string RuleId, string SourceId, DateTimeOffset? ConditionSince, int ReadingsInARow, bool Raised, DateTimeOffset? ClearSince,
    string? Detail, DateTimeOffset UpdatedAt);
