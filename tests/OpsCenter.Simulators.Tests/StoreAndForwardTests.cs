using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;
using static OpsCenter.Simulators.Tests.OutboxTests;

namespace OpsCenter.Simulators.Tests;

/// <summary>The store-and-forward rule against a scripted broker: up, down, or refusing.</summary>
public sealed class StoreAndForwardTests
{
    private const string Status = "ops/v1/camera/cam-a/status";

    private readonly RunStats _stats = new();
    private readonly List<OutboundMessage> _arrived = [];
    private SendAttempt _broker = SendAttempt.Acknowledged;

    private Task<SendAttempt> Send(OutboundMessage message)
    {
        if (_broker == SendAttempt.Acknowledged)
            _arrived.Add(message);
        return Task.FromResult(_broker);
    }

    private async Task PublishAsync(StoreAndForward link, params int[] seqs)
    {
        foreach (var seq in seqs)
            await _stats.TrackAsync(link.PublishAsync(Message(seq), Send));
    }

    [Fact]
    public async Task Unacknowledged_messages_go_out_again_in_order_after_the_reconnect_before_newer_ones()
    {
        using var link = new StoreAndForward(100, _stats);
        await PublishAsync(link, 1);
        _broker = SendAttempt.Lost;
        await PublishAsync(link, 2, 3);
        _broker = SendAttempt.Acknowledged;
        await PublishAsync(link, 4); // the outbox is not empty yet: 4 must not overtake 2 and 3

        await link.ReconnectedAsync(Message(0, Status), counted: false, Send);

        Assert.Equal([1, 0, 2, 3, 4], _arrived.Select(Seq));
        Assert.Equal((4, 4, 3, 0, 0), (_stats.Sent, _stats.Acknowledged, _stats.Resent, _stats.Waiting, _stats.Failed));
    }

    [Fact]
    public async Task A_full_outbox_drops_the_oldest_and_counts_them_as_failed()
    {
        using var link = new StoreAndForward(3, _stats);
        _broker = SendAttempt.Lost;
        await PublishAsync(link, 1, 2, 3, 4, 5);
        _broker = SendAttempt.Acknowledged;

        await link.ForwardAsync(Send);

        Assert.Equal([3, 4, 5], _arrived.Select(Seq));
        Assert.Equal((3, 2, 2), (_stats.Resent, _stats.Dropped, _stats.Failed));
        Assert.Contains("2 dropped from full outboxes", _stats.Line(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_latest_status_waits_and_the_reconnect_status_takes_its_place()
    {
        using var link = new StoreAndForward(100, _stats);
        _broker = SendAttempt.Lost;
        await _stats.TrackAsync(link.PublishAsync(Message(1, Status), Send));
        await PublishAsync(link, 2);
        await _stats.TrackAsync(link.PublishAsync(Message(3, Status), Send));
        _broker = SendAttempt.Acknowledged;

        await link.ReconnectedAsync(Message(4, Status), counted: false, Send);

        Assert.Equal([4, 2], _arrived.Select(Seq));
        Assert.Equal((3, 1, 2, 0, 0), (_stats.Sent, _stats.Superseded, _stats.Resent, _stats.Waiting, _stats.Failed));
    }

    [Fact]
    public async Task A_message_the_broker_refuses_fails_at_once_and_is_not_kept()
    {
        using var link = new StoreAndForward(100, _stats);
        _broker = SendAttempt.Refused;

        await PublishAsync(link, 1);

        Assert.Equal((1, 0, 0), (_stats.Failed, _stats.Waiting, link.Waiting));
    }

    [Fact]
    public async Task Messages_still_waiting_at_stop_are_counted_failed_and_unsent()
    {
        using var link = new StoreAndForward(100, _stats);
        _broker = SendAttempt.Lost;
        await PublishAsync(link, 1, 2);

        await link.StopAsync(Send);

        Assert.Equal((2, 2, 0), (_stats.UnsentAtStop, _stats.Failed, _stats.Waiting));
        Assert.Contains("2 left unsent at stop", _stats.Line(), StringComparison.Ordinal);
    }
}
