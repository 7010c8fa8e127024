using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using OpsCenter.Ingest.Mqtt;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class AcknowledgingStreamTests
{
    [Fact]
    public void A_batch_of_acknowledgements_leaves_in_one_write_as_puback_packets_in_order()
    {
        var source = new RecordingStream();
        using var stream = new AcknowledgingStream(source);

        stream.Acknowledge([1, 256, 65535]);

        // PUBACK: type 4 (0x40), remaining length 2, packet identifier big-endian (MQTT 5: reason success, no properties).
        Assert.Equal([[0x40, 0x02, 0x00, 0x01, 0x40, 0x02, 0x01, 0x00, 0x40, 0x02, 0xFF, 0xFF]], source.Writes);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public void Mqttnets_decoder_the_embedded_broker_uses_reads_each_as_a_successful_puback(MqttProtocolVersion version)
    {
        var bytes = new byte[4];
        AcknowledgingStream.WritePubAck(bytes, 513);
        var decoder = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65536));

        var packet = decoder.Decode(new ReceivedMqttPacket(bytes[0], new ArraySegment<byte>(bytes, 2, 2), bytes.Length));

        var pubAck = Assert.IsType<MqttPubAckPacket>(packet);
        Assert.Equal((513, MqttPubAckReasonCode.Success), (pubAck.PacketIdentifier, pubAck.ReasonCode));
    }

    [Fact]
    public async Task Mqttnets_own_writes_go_straight_through_and_an_empty_batch_writes_nothing()
    {
        var source = new RecordingStream();
        await using var stream = new AcknowledgingStream(source);

        await stream.WriteAsync(new byte[] { 0xC0, 0x00 }, TestContext.Current.CancellationToken); // a ping
        stream.Acknowledge([]);

        Assert.Equal([[0xC0, 0x00]], source.Writes);
    }

    [Fact]
    public void A_failed_write_is_reported_and_the_next_batch_is_written_whole()
    {
        var source = new RecordingStream { Fail = true };
        using var stream = new AcknowledgingStream(source);

        Assert.Throws<IOException>(() => stream.Acknowledge([.. Enumerable.Range(1, 5_000).Select(i => (ushort)i)]));

        source.Fail = false;
        stream.Acknowledge([7]);
        Assert.Equal([[0x40, 0x02, 0x00, 0x07]], source.Writes);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];
        public bool Fail { get; set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Fail)
                throw new IOException("connection reset");
            Writes.Add(buffer.ToArray());
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
