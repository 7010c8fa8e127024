using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>One device's own connection to the broker, with its Last Will.</summary>
internal interface IDeviceLink : IAsyncDisposable
{
    string DeviceId { get; }
    bool IsConnected { get; }

    /// <summary>
    /// Connects with the will in <paramref name="session"/>, publishes its retained online status, then forwards what
    /// waited in the outbox. The outcome is the online status's.
    /// </summary>
    Task<PublishOutcome> ConnectAsync(ConnectMessages session, CancellationToken cancellationToken);

    /// <summary>Acknowledged (QoS ≥ 1) or written (QoS 0); at QoS ≥ 1 a message without acknowledgement is kept and deferred.</summary>
    Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Drops the connection without a DISCONNECT packet, as a power cut would: the broker fires the Last Will.</summary>
    Task DropAsync();

    /// <summary>
    /// Forwards what waits in the outbox if it can, reports the rest unsent, publishes <paramref name="goodbye"/> (if
    /// any) and disconnects cleanly: no Last Will.
    /// </summary>
    Task CloseAsync(OutboundMessage? goodbye, CancellationToken cancellationToken);

    /// <summary>Called periodically: checks the connection and reconnects with back-off if it was lost.</summary>
    Task MaintainAsync(CancellationToken cancellationToken);
}

internal interface IDeviceLinkFactory
{
    /// <param name="composeConnect">Builds a fresh will and online status for each (re)connection.</param>
    /// <param name="report">Told how deferred messages end (resent, dropped, unsent at stop).</param>
    IDeviceLink Create(DeviceRecord device, Func<ConnectMessages> composeConnect, IOutboxReport report);
}

/// <summary>Publishes messages for many devices over shared connections (load, backfill, bad input).</summary>
internal interface IMessageSink : IAsyncDisposable
{
    Task ConnectAsync(CancellationToken cancellationToken);

    Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);
}
