using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Rules;

/// <summary>
/// One rule at work: follows readings, liveness and the clock, keeps a <see cref="RuleState"/> per source, and queues
/// raises, clears and state changes. Called under the engine's lock, so it needs none of its own.
/// </summary>
public abstract class RuleEvaluator(RuleDefinition rule, RuleEffects effects, DeviceDirectory devices)
{
    private readonly Dictionary<string, RuleState> _states = new(StringComparer.Ordinal);

    public RuleDefinition Rule => rule;

    public IEnumerable<RuleState> States => _states.Values;

    protected DeviceDirectory Devices => devices;

    public void Restore(RuleState state) => _states[state.SourceId] = state;

    public virtual void OnReading(StoredReading reading) { }

    public virtual void OnLiveness(DeviceLivenessChanged change) { }

    public virtual void OnTick(DateTimeOffset now) { }

    /// <summary>Stops following the rule: its rows go, its raised incidents stay for operators to close.</summary>
    public void ForgetAll()
    {
        foreach (var source in _states.Keys.ToList())
            Forget(source);
    }

    protected RuleState? StateOf(string sourceId) => _states.GetValueOrDefault(sourceId);

    /// <summary>Writes only what changed: a reading that changes nothing costs no row update.</summary>
    protected void Put(RuleState state)
    {
        if (_states.TryGetValue(state.SourceId, out var old) && old == state)
            return;
        _states[state.SourceId] = state;
        effects.Save(state);
    }

    protected void Forget(string sourceId)
    {
        if (_states.Remove(sourceId))
            effects.Forget(rule.Id, sourceId);
    }

    protected void Raise(string sourceId, string type, string severity, string? areaId, DateTimeOffset at, string summary,
        IReadOnlyDictionary<string, string>? detail = null, string? snapshotUrl = null) =>
        effects.Raise(new IncidentSignal(sourceId, type, severity, rule.Category, areaId, at, rule.Id, summary, detail, snapshotUrl));

    protected void ClearIncident(string sourceId, string type, DateTimeOffset at) =>
        effects.Clear(new IncidentClear(sourceId, type, at, rule.Id));
}
