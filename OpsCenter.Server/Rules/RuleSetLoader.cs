namespace OpsCenter.Server.Rules;

/// <summary>Reads the rule set from PostgreSQL into the engine when it changed (by fingerprint).</summary>
public sealed class RuleSetLoader(RuleStore store, RuleStateStore states, RuleEngine engine)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _fingerprint;

    /// <summary>The first load, with the states the previous run saved.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fingerprint = await store.FingerprintAsync(cancellationToken);
            var rules = await store.ListAsync(cancellationToken);
            engine.Load(rules.Select(r => r.Rule), await states.LoadAsync(cancellationToken));
            _fingerprint = fingerprint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the stored rule set if another Server (or this one's API) changed it.</summary>
    public async Task ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fingerprint = await store.FingerprintAsync(cancellationToken);
            if (fingerprint == _fingerprint)
                return;
            var rules = await store.ListAsync(cancellationToken);
            engine.Apply(rules.Select(r => r.Rule));
            _fingerprint = fingerprint;
        }
        finally
        {
            _gate.Release();
        }
    }
}
