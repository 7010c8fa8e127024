using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>
/// A device's store-and-forward queue: QoS 1 messages the broker has not acknowledged, oldest first, waiting to be sent
/// again once the link is back. Bounded, because a device's memory is; when full the oldest message makes room and the
/// caller is told, so a loss is counted rather than silent. A retained status replaces any status still waiting on the
/// same topic: only the device's latest state matters to the control room.
/// </summary>
internal sealed class Outbox
{
    public const int DefaultCapacity = 10_000;

    private readonly LinkedList<OutboundMessage> _waiting = new();
    private readonly Lock _lock = new();

    public Outbox(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
                return _waiting.Count;
        }
    }

    /// <summary>Keeps <paramref name="message"/> at the back of the queue.</summary>
    public OutboxAdmission Add(OutboundMessage message)
    {
        lock (_lock)
        {
            var superseded = message.Retain ? RemoveStatusLocked(message.Topic) : null;
            OutboundMessage? dropped = null;
            if (_waiting.Count >= Capacity)
            {
                dropped = _waiting.First!.Value;
                _waiting.RemoveFirst();
            }
            _waiting.AddLast(message);
            return new OutboxAdmission(superseded, dropped);
        }
    }

    public bool TryPeek(out OutboundMessage message)
    {
        lock (_lock)
        {
            message = _waiting.First?.Value!;
            return _waiting.Count > 0;
        }
    }

    /// <summary>Removes the head once it was acknowledged; false if it was meanwhile dropped or superseded.</summary>
    public bool RemoveHead(OutboundMessage acknowledged)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_waiting.First?.Value, acknowledged))
                return false;
            _waiting.RemoveFirst();
            return true;
        }
    }

    /// <summary>Takes out the status waiting for <paramref name="topic"/>, if any (a newer one just went out).</summary>
    public OutboundMessage? RemoveStatus(string topic)
    {
        lock (_lock)
            return RemoveStatusLocked(topic);
    }

    /// <summary>Empties the queue, returning what was still waiting (at shutdown).</summary>
    public IReadOnlyList<OutboundMessage> TakeAll()
    {
        lock (_lock)
        {
            var all = _waiting.ToList();
            _waiting.Clear();
            return all;
        }
    }

    private OutboundMessage? RemoveStatusLocked(string topic)
    {
        for (var node = _waiting.First; node is not null; node = node.Next)
        {
            if (node.Value.Retain && node.Value.Topic == topic)
            {
                _waiting.Remove(node);
                return node.Value;
            }
        }
        return null;
    }
}

/// <summary>What adding a message cost: an older status it replaced, and the oldest message dropped to make room.</summary>
internal sealed record OutboxAdmission(OutboundMessage? Superseded, OutboundMessage? Dropped);
