namespace OpsCenter.Server.Incidents;

/// <summary>How a person's change to an incident ended; <see cref="Incident"/> is the state after it, or the current one.</summary>
public sealed record ChangeResult(ChangeOutcome Outcome, IncidentRow? Incident, string? Message = null);

public enum ChangeOutcome
{
    Applied,
    NotFound,
    /// <summary>The incident is no longer at the version the caller saw: nothing applied; the current state is returned.</summary>
    Conflict,
    /// <summary>The incident's lifecycle refused the change (message says why); nothing applied.</summary>
    Refused,
}

/// <summary>
/// Applies one person's change: load, check the version the caller saw, let the incident decide, save only if nobody
/// changed it meanwhile. Of two operators acting at once, one wins and the other gets the state that won.
/// </summary>
public sealed class IncidentLifecycle(IncidentStore store, IncidentFeed? feed = null)
{
    public async Task<ChangeResult> ApplyAsync(long id, int expectedVersion, Action<Incident> change, CancellationToken cancellationToken)
    {
        var incident = await store.LoadAsync(id, cancellationToken);
        if (incident is null)
            return new ChangeResult(ChangeOutcome.NotFound, null);
        if (incident.Version != expectedVersion)
            return await ConflictAsync(id, $"Incident {id} is at version {incident.Version}, not {expectedVersion}: someone changed it first.", cancellationToken);
        try
        {
            change(incident);
        }
        catch (IncidentTransitionException ex)
        {
            return new ChangeResult(ChangeOutcome.Refused, null, ex.Message);
        }
        var outcome = await store.SaveAsync(incident, cancellationToken);
        if (outcome == SaveOutcome.Saved)
            feed?.Changed();
        return outcome switch
        {
            SaveOutcome.Saved => new ChangeResult(ChangeOutcome.Applied, await store.GetAsync(id, cancellationToken)),
            SaveOutcome.ActiveTwinExists => await ConflictAsync(id,
                $"Incident {id} cannot be reopened: another incident for {incident.SourceId} / {incident.Type} is active; work that one.", cancellationToken),
            _ => await ConflictAsync(id, $"Incident {id} was changed by someone else meanwhile; nothing was applied.", cancellationToken),
        };
    }

    private async Task<ChangeResult> ConflictAsync(long id, string message, CancellationToken cancellationToken) =>
        new(ChangeOutcome.Conflict, await store.GetAsync(id, cancellationToken), message);
}
