namespace OpsCenter.Simulators.Transport;

/// <summary>What became of one publication at the moment it was handed to a transport.</summary>
internal enum PublishOutcome
{
    /// <summary>The broker acknowledged it (QoS ≥ 1), or it was written to the socket (QoS 0).</summary>
    Acknowledged,

    /// <summary>Not acknowledged yet: kept in the device's outbox and sent again after reconnecting; <see cref="IOutboxReport"/> says how it ends.</summary>
    Deferred,

    /// <summary>Not delivered and not kept (QoS 0, or the broker refused it).</summary>
    Failed,
}

/// <summary>How deferred publications end, told by the link that kept them.</summary>
internal interface IOutboxReport
{
    /// <summary>A kept message was sent again and acknowledged.</summary>
    void Resent();

    /// <summary>A kept status was replaced by a newer status of the same device before it could be sent.</summary>
    void Superseded();

    /// <summary>A kept message, sent again, was refused by the broker (not a lost connection): sending it again would not help.</summary>
    void Refused();

    /// <summary>A kept message was dropped because the outbox was full.</summary>
    void Dropped();

    /// <summary>The run ended with <paramref name="count"/> kept messages still unsent.</summary>
    void UnsentAtStop(int count);
}
