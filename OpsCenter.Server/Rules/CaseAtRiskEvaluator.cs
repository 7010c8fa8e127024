using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Devices.Messages;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Keeps each received case as a state (due time − margin in <c>condition_since</c>, the office in <c>detail</c>), so
/// open cases survive a restart; raises when the Server's clock passes that time, clears on <c>caseResolved</c>.
/// </summary>
public sealed class CaseAtRiskEvaluator(CaseAtRiskRule rule, RuleEffects effects, DeviceDirectory devices) : RuleEvaluator(rule, effects, devices)
{
    public override void OnReading(StoredReading reading)
    {
        if (reading.Kind != DeviceKind.Counter || reading.CounterEvent is not { CaseId: { } caseId } counterEvent)
            return;
        if (!rule.Scope.Covers(reading.DeviceId, Devices.AreaOf(reading.DeviceId)))
            return;
        if (counterEvent.Type == CounterEventType.CaseReceived && counterEvent.DueAt is { } dueAt && StateOf(caseId) is null)
            Put(new RuleState(rule.Id, caseId, dueAt - TimeSpan.FromMinutes(rule.MarginMinutes), 0, false, null, reading.DeviceId, reading.Ts));
        else if (counterEvent.Type == CounterEventType.CaseResolved && StateOf(caseId) is { } state)
        {
            if (state.Raised)
                ClearIncident(caseId, rule.IncidentType!, reading.Ts);
            Forget(caseId);
        }
    }

    public override void OnTick(DateTimeOffset now)
    {
        foreach (var state in States.Where(s => !s.Raised && now >= s.ConditionSince!.Value).ToList())
        {
            Put(state with { Raised = true, UpdatedAt = now });
            var office = state.Detail ?? "";
            var dueAt = state.ConditionSince!.Value + TimeSpan.FromMinutes(rule.MarginMinutes);
            Raise(state.SourceId, rule.IncidentType!, rule.Severity, Devices.AreaOf(office), now,
                $"{rule.Name}: case {state.SourceId} at {Devices.NameOf(office)} unresolved, due {dueAt.ToString("O", CultureInfo.InvariantCulture)}",
                new Dictionary<string, string> { ["office"] = office, ["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture) });
        }
    }
}
