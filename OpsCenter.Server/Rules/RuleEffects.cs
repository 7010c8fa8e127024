using System.Threading.Channels;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Rules;

/// <summary>What the engine decided, queued for <see cref="RuleEffectsWriter"/>: the engine runs on the consumer's thread and never waits for I/O.</summary>
public abstract record RuleEffect;

public sealed record RaiseEffect(IncidentSignal Signal) : RuleEffect;

public sealed record ClearEffect(IncidentClear Clear) : RuleEffect;

public sealed record StateSaved(RuleState State) : RuleEffect;

public sealed record StateForgotten(string RuleId, string SourceId) : RuleEffect;

/// <summary>An unbounded queue: a slow PostgreSQL must never hold up the stream the wall is fed from.</summary>
public sealed class RuleEffects
{
    private readonly Channel<RuleEffect> _queue = Channel.CreateUnbounded<RuleEffect>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<RuleEffect> Reader => _queue.Reader;

    public void Raise(IncidentSignal signal) => _queue.Writer.TryWrite(new RaiseEffect(signal));

    public void Clear(IncidentClear clear) => _queue.Writer.TryWrite(new ClearEffect(clear));

    public void Save(RuleState state) => _queue.Writer.TryWrite(new StateSaved(state));

    public void Forget(string ruleId, string sourceId) => _queue.Writer.TryWrite(new StateForgotten(ruleId, sourceId));

    /// <summary>Everything queued so far, in order.</summary>
    public List<RuleEffect> TakeAll()
    {
        var taken = new List<RuleEffect>();
        while (_queue.Reader.TryRead(out var effect))
            taken.Add(effect);
        return taken;
    }
}
