using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>One device's own connection to the broker, with its Last Will.</summary>
internal interface IDeviceLink : IAsyncDisposable
{
    string DeviceId { get; }
    bool IsConnected { get; }

    /// <summary>Connects with the will in <paramref name="session"/>, then publishes its retained online status.</summary>
    Task<bool> ConnectAsync(ConnectMessages session, CancellationToken cancellationToken);

    /// <summary>True when the broker acknowledged it (QoS ≥ 1) or it was written (QoS 0).</summary>
    Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>Drops the connection without a DISCONNECT packet, as a power cut would: the broker fires the Last Will.</summary>
    Task DropAsync();

    /// <summary>Publishes <paramref name="goodbye"/> (if any) and disconnects cleanly: no Last Will.</summary>
    Task CloseAsync(OutboundMessage? goodbye, CancellationToken cancellationToken);

    /// <summary>Called periodically: checks the connection and reconnects with back-off if it was lost.</summary>
    Task MaintainAsync(CancellationToken cancellationToken);
}

internal interface IDeviceLinkFactory
{
    /// <param name="composeConnect">Builds a fresh will and online status for each (re)connection.</param>
    IDeviceLink Create(DeviceRecord device, Func<ConnectMessages> composeConnect);
}

/// <summary>Publishes messages for many devices over shared connections (load, backfill, bad input).</summary>
internal interface IMessageSink : IAsyncDisposable
{
    Task ConnectAsync(CancellationToken cancellationToken);

    Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken);
}
