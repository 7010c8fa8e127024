namespace OpsCenter.Server.Rules;

/// <summary>What one step of a held condition asks for.</summary>
public enum HeldTransition
{
    None,
    Raise,
    Clear,
}

/// <summary>
/// The raise/clear state machine threshold and backlog rules share, on one time base (the readings' <c>ts</c>):
/// the condition must hold long enough to raise, and the clear condition must hold for the hold-before-clear time
/// to clear; a reading back inside the band restarts the clear wait, so a value hovering at a limit does not flap.
/// </summary>
public static class HeldCondition
{
    /// <returns>The next state (null: nothing to remember) and what to do.</returns>
    public static (RuleState? Next, HeldTransition Transition) Step(
        RuleState? state, string ruleId, string sourceId, DateTimeOffset ts, bool breaches, bool clears,
        Func<RuleState, bool> heldLongEnough, TimeSpan holdBeforeClear, TimeSpan? maxGap)
    {
        // A reading older than the last one that moved the state (late data) must not rewind it.
        if (state is not null && ts < state.UpdatedAt)
            return (state, HeldTransition.None);

        if (state is not { Raised: true })
        {
            if (!breaches)
                return (null, HeldTransition.None);
            var restart = state?.ConditionSince is null || (maxGap is { } gap && ts - state.UpdatedAt > gap);
            var next = restart
                ? new RuleState(ruleId, sourceId, ts, 1, false, null, null, ts)
                : state! with { ReadingsInARow = state.ReadingsInARow + 1, UpdatedAt = ts };
            return heldLongEnough(next)
                ? (next with { Raised = true }, HeldTransition.Raise)
                : (next, HeldTransition.None);
        }

        if (!clears)
            return (state with { ClearSince = null }, HeldTransition.None);
        var clearSince = state.ClearSince ?? ts;
        return ts - clearSince >= holdBeforeClear
            ? (null, HeldTransition.Clear)
            : (state with { ClearSince = clearSince }, HeldTransition.None);
    }
}
