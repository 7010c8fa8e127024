using System.Text;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Tests;

public sealed class OutboxTests
{
    private const string Telemetry = "ops/v1/camera/cam-a/telemetry";
    private const string Status = "ops/v1/camera/cam-a/status";

    internal static OutboundMessage Message(int seq, string topic = Telemetry) =>
        new(topic, Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}"), Retain: topic.EndsWith("/status", StringComparison.Ordinal));

    [Fact]
    public void Messages_wait_in_the_order_they_were_kept()
    {
        var outbox = new Outbox(10);
        var kept = Enumerable.Range(1, 5).Select(i => Message(i)).ToList();
        foreach (var message in kept)
            Assert.Equal(new OutboxAdmission(null, null), outbox.Add(message));

        var forwarded = new List<OutboundMessage>();
        while (outbox.TryPeek(out var next) && outbox.RemoveHead(next))
            forwarded.Add(next);

        Assert.Equal(kept, forwarded);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void A_full_outbox_drops_its_oldest_message_and_says_which()
    {
        var outbox = new Outbox(3);
        var admissions = Enumerable.Range(1, 5).Select(i => outbox.Add(Message(i))).ToList();

        Assert.Equal([0, 0, 0, 1, 2], admissions.Select(a => a.Dropped is null ? 0 : Seq(a.Dropped)));
        Assert.Equal(3, outbox.Count);
        Assert.Equal([3, 4, 5], outbox.TakeAll().Select(Seq));
    }

    [Fact]
    public void A_newer_status_replaces_the_one_waiting_on_its_topic_and_leaves_other_messages_alone()
    {
        var outbox = new Outbox(10);
        outbox.Add(Message(1, Status));
        outbox.Add(Message(2));

        var admission = outbox.Add(Message(3, Status));

        Assert.Equal(1, Seq(admission.Superseded!));
        Assert.Equal([2, 3], outbox.TakeAll().Select(Seq));
    }

    [Fact]
    public void Removing_the_head_only_removes_the_message_that_was_sent()
    {
        var outbox = new Outbox(2);
        var first = Message(1);
        outbox.Add(first);
        outbox.Add(Message(2));
        outbox.Add(Message(3));

        Assert.False(outbox.RemoveHead(first));
        Assert.Equal(2, outbox.Count);
    }

    [Fact]
    public void An_outbox_holds_at_least_one_message() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Outbox(0));

    internal static int Seq(OutboundMessage message) =>
        System.Text.Json.JsonDocument.Parse(message.Payload).RootElement.GetProperty("seq").GetInt32();
}
