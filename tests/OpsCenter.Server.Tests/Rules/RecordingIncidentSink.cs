using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Tests.Rules;

/// <summary>Stands in for the incidents feature: remembers every raise and clear, in order.</summary>
public sealed class RecordingIncidentSink : IIncidentSink
{
    private readonly Lock _gate = new();
    private readonly List<IncidentSignal> _raised = [];
    private readonly List<IncidentClear> _cleared = [];

    public IReadOnlyList<IncidentSignal> Raised
    {
        get
        {
            lock (_gate)
                return [.. _raised];
        }
    }

    public IReadOnlyList<IncidentClear> Cleared
    {
        get
        {
            lock (_gate)
                return [.. _cleared];
        }
    }

    public Task RaiseAsync(IncidentSignal signal, CancellationToken cancellationToken)
    {
        lock (_gate)
            _raised.Add(signal);
        return Task.CompletedTask;
    }

    public Task ClearAsync(IncidentClear clear, CancellationToken cancellationToken)
    {
        lock (_gate)
            _cleared.Add(clear);
        return Task.CompletedTask;
    }
}
