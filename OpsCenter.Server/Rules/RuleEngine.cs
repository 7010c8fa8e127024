using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Wall;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Runs the rule set over every stored reading and liveness change, in memory and without I/O (it is called on the
/// consumer's thread); what it decides goes to <see cref="RuleEffects"/>. <see cref="Tick"/> (once a second) covers
/// what time alone changes: offline durations and cases coming due.
/// </summary>
public sealed partial class RuleEngine(RuleEffects effects, DeviceDirectory devices, TimeProvider clock, ILogger<RuleEngine> logger)
    : IStoredStreamObserver
{
    private readonly Lock _gate = new();
    private Dictionary<string, RuleEvaluator> _evaluators = new(StringComparer.Ordinal);

    public IReadOnlyList<RuleDefinition> Rules
    {
        get
        {
            lock (_gate)
                return [.. _evaluators.Values.Select(e => e.Rule)];
        }
    }

    /// <summary>At start-up: the rule set and the states saved by the previous run, so no duration starts over.</summary>
    public void Load(IEnumerable<RuleDefinition> rules, IEnumerable<RuleState> saved)
    {
        lock (_gate)
        {
            Apply(rules);
            foreach (var state in saved)
            {
                if (_evaluators.TryGetValue(state.RuleId, out var evaluator))
                    evaluator.Restore(state);
            }
        }
    }

    /// <summary>
    /// A changed rule set: unchanged rules keep their evaluators; a changed rule of the same kind keeps its states (a
    /// duration under way goes on under the new limits); removed or disabled rules forget theirs.
    /// </summary>
    public void Apply(IEnumerable<RuleDefinition> rules)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, RuleEvaluator>(StringComparer.Ordinal);
            foreach (var rule in rules.Where(r => r.Enabled))
            {
                if (_evaluators.TryGetValue(rule.Id, out var current) && RuleJson.Serialize(current.Rule) == RuleJson.Serialize(rule))
                {
                    next[rule.Id] = current;
                    continue;
                }
                var evaluator = Create(rule);
                if (current is not null && current.Rule.Kind == rule.Kind)
                {
                    foreach (var state in current.States)
                        evaluator.Restore(state);
                }
                else
                    current?.ForgetAll();
                next[rule.Id] = evaluator;
            }
            foreach (var (id, gone) in _evaluators)
            {
                if (!next.ContainsKey(id))
                    gone.ForgetAll();
            }
            _evaluators = next;
        }
    }

    /// <summary>
    /// Readings older than this are history, not a situation to act on: a device's outbox after an outage (minutes) is
    /// judged, a backfill of last week (or a device's clock days behind) is stored and counted but raises nothing now.
    /// </summary>
    public static readonly TimeSpan HistoryAfter = TimeSpan.FromHours(1);

    public void OnReading(StoredReading reading, bool live)
    {
        // Read back at start-up, a reading was judged by the previous run, whose states were loaded.
        if (!live || clock.GetUtcNow() - reading.Ts > HistoryAfter)
            return;
        lock (_gate)
        {
            foreach (var evaluator in _evaluators.Values)
                Guard(evaluator, static (e, r) => e.OnReading(r), reading);
        }
    }

    public void OnLiveness(DeviceLivenessChanged change)
    {
        lock (_gate)
        {
            foreach (var evaluator in _evaluators.Values)
                Guard(evaluator, static (e, c) => e.OnLiveness(c), change);
        }
    }

    public void Tick()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var evaluator in _evaluators.Values)
                Guard(evaluator, static (e, t) => e.OnTick(t), now);
        }
    }

    private RuleEvaluator Create(RuleDefinition rule) => rule switch
    {
        ThresholdRule threshold => new ThresholdEvaluator(threshold, effects, devices),
        OfflineRule offline => new OfflineEvaluator(offline, effects, devices),
        CameraEventRule cameraEvent => new CameraEventEvaluator(cameraEvent, effects, devices),
        OfficeBacklogRule backlog => new OfficeBacklogEvaluator(backlog, effects, devices),
        CaseAtRiskRule caseAtRisk => new CaseAtRiskEvaluator(caseAtRisk, effects, devices),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "unknown rule kind"),
    };

    /// <summary>One faulty rule must neither stop the others nor throw into the consumer.</summary>
    private void Guard<T>(RuleEvaluator evaluator, Action<RuleEvaluator, T> action, T input)
    {
        try
        {
            action(evaluator, input);
        }
        catch (Exception ex)
        {
            LogRuleFailed(ex, evaluator.Rule.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} failed on its input; the other rules go on")]
    private partial void LogRuleFailed(Exception exception, string ruleId);
}
