using System.Collections.Concurrent;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Transport;

/// <summary>
/// A stand-in broker for tests: records every publication, keeps retained messages and fires a
/// link's Last Will when it is dropped, with no network involved.
/// </summary>
internal sealed class InMemoryBroker : IDeviceLinkFactory, IMessageSink
{
    private readonly ConcurrentQueue<DeliveredMessage> _delivered = new();

    public IReadOnlyList<DeliveredMessage> Delivered => [.. _delivered];
    public ConcurrentDictionary<string, OutboundMessage> Retained { get; } = new();

    public IDeviceLink Create(DeviceRecord device, Func<ConnectMessages> composeConnect, IOutboxReport report) => new Link(this, device.Id);

    public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Deliver(message, fromWill: false);
        return Task.FromResult(true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Deliver(OutboundMessage message, bool fromWill)
    {
        if (message.Retain)
            Retained[message.Topic] = message;
        _delivered.Enqueue(new DeliveredMessage(message, fromWill));
    }

    private sealed class Link(InMemoryBroker broker, string deviceId) : IDeviceLink
    {
        private OutboundMessage? _will;

        public string DeviceId => deviceId;
        public bool IsConnected => _will is not null;

        public Task<PublishOutcome> ConnectAsync(ConnectMessages session, CancellationToken cancellationToken)
        {
            _will = session.Will;
            broker.Deliver(session.Online, fromWill: false);
            return Task.FromResult(PublishOutcome.Acknowledged);
        }

        public Task<PublishOutcome> PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            if (_will is null)
                return Task.FromResult(PublishOutcome.Failed);
            broker.Deliver(message, fromWill: false);
            return Task.FromResult(PublishOutcome.Acknowledged);
        }

        public Task DropAsync()
        {
            if (_will is not null)
                broker.Deliver(_will, fromWill: true);
            _will = null;
            return Task.CompletedTask;
        }

        public Task CloseAsync(OutboundMessage? goodbye, CancellationToken cancellationToken)
        {
            if (goodbye is not null && _will is not null)
                broker.Deliver(goodbye, fromWill: false);
            _will = null;
            return Task.CompletedTask;
        }

        public Task MaintainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

internal sealed record DeliveredMessage(OutboundMessage Message, bool FromWill);
