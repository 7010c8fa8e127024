using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Rules;

/// <summary>
/// Carries out what the engine queued, off the consumer's thread: raises and clears to <see cref="IIncidentSink"/>
/// in order, then the batch's state changes in one transaction (the newest state per source only). The incident goes
/// first: a crash in between raises it again after a restart (the sink de-duplicates), never loses it.
/// </summary>
public sealed partial class RuleEffectsWriter(RuleEffects effects, RuleStateStore states, IServiceProvider services, ILogger<RuleEffectsWriter> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string RuleId, string SourceId), RuleState?> _pendingStates = [];
    private IIncidentSink? _sink;
    private bool _sinkLookedUp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await effects.Reader.WaitToReadAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What the last second decided is written before the process goes.
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes everything queued so far; tests call it instead of waiting.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var effect in effects.TakeAll())
            {
                switch (effect)
                {
                    case RaiseEffect raise:
                        await SendAsync(sink => sink.RaiseAsync(raise.Signal, cancellationToken), raise.Signal.RuleId, raise.Signal.SourceId);
                        break;
                    case ClearEffect clear:
                        await SendAsync(sink => sink.ClearAsync(clear.Clear, cancellationToken), clear.Clear.RuleId, clear.Clear.SourceId);
                        break;
                    case StateSaved saved:
                        _pendingStates[(saved.State.RuleId, saved.State.SourceId)] = saved.State;
                        break;
                    case StateForgotten forgotten:
                        _pendingStates[(forgotten.RuleId, forgotten.SourceId)] = null;
                        break;
                }
            }
            await SaveStatesAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SaveStatesAsync(CancellationToken cancellationToken)
    {
        if (_pendingStates.Count == 0)
            return;
        try
        {
            await states.SaveAsync(
                [.. _pendingStates.Values.OfType<RuleState>()],
                [.. _pendingStates.Where(p => p.Value is null).Select(p => p.Key)], cancellationToken);
            _pendingStates.Clear();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept for the next batch: a state is only ever replaced by a newer one, so nothing is lost but time.
            LogStatesNotSaved(ex, _pendingStates.Count);
        }
    }

    private async Task SendAsync(Func<IIncidentSink, Task> send, string? ruleId, string sourceId)
    {
        if (!_sinkLookedUp)
        {
            _sink = services.GetService<IIncidentSink>();
            _sinkLookedUp = true;
            if (_sink is null)
                LogNoSink();
        }
        if (_sink is null)
            return;
        try
        {
            await send(_sink);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSinkFailed(ex, ruleId, sourceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No IIncidentSink is registered (incidents feature missing): what rules raise and clear is dropped")]
    private partial void LogNoSink();

    [LoggerMessage(Level = LogLevel.Error, Message = "The incident sink refused rule {RuleId}'s signal for {SourceId}; it is dropped")]
    private partial void LogSinkFailed(Exception exception, string? ruleId, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} rule states could not be saved; retrying with the next batch")]
    private partial void LogStatesNotSaved(Exception exception, int count);
}
