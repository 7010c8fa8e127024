using System.Globalization;
using OpsCenter.Contracts.Devices.Fields;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Remembers when each device of the rule's kind went offline (Ingest's liveness: status, Last Will, or silence) and
/// raises once it has stayed offline for the rule's seconds, by the Server's clock; clears when it comes back.
/// </summary>
public sealed class OfflineEvaluator(OfflineRule rule, RuleEffects effects, DeviceDirectory devices) : RuleEvaluator(rule, effects, devices)
{
    public override void OnLiveness(DeviceLivenessChanged change)
    {
        if (!string.Equals(change.Kind, rule.DeviceKind, StringComparison.Ordinal) || !rule.Scope.Covers(change.DeviceId, Devices.AreaOf(change.DeviceId)))
            return;
        var state = StateOf(change.DeviceId);
        if (change.State == DeviceStates.Offline)
        {
            // Retained liveness comes again on every resubscription: an offline device stays offline since its first report.
            if (state is null)
                Put(new RuleState(rule.Id, change.DeviceId, change.At, 0, false, null, null, change.At));
            return;
        }
        if (state is { Raised: true })
            ClearIncident(change.DeviceId, rule.IncidentType!, change.At);
        Forget(change.DeviceId);
    }

    public override void OnTick(DateTimeOffset now)
    {
        foreach (var state in States.Where(s => !s.Raised && now - s.ConditionSince!.Value >= TimeSpan.FromSeconds(rule.Seconds)).ToList())
        {
            Put(state with { Raised = true, UpdatedAt = now });
            var since = state.ConditionSince!.Value;
            Raise(state.SourceId, rule.IncidentType!, rule.Severity, Devices.AreaOf(state.SourceId), since,
                $"{rule.Name}: {Devices.NameOf(state.SourceId)} offline since {since.ToString("O", CultureInfo.InvariantCulture)}");
        }
    }
}
