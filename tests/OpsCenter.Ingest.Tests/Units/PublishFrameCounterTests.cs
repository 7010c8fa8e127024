using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using OpsCenter.Ingest.Mqtt;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class PublishFrameCounterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(100_000)]
    public void Counts_the_publish_packets_of_a_stream_whatever_pieces_it_comes_in(int pieceSize)
    {
        var stream = new List<byte>();
        var publishes = 0;
        for (var i = 0; i < 40; i++)
        {
            // Bodies of 0 B to 40 KB: remaining lengths of one, two and three bytes; other packets between them.
            stream.AddRange(Encode(new MqttPublishPacket
            {
                Topic = $"ops/v1/traffic/det-{i}/telemetry", PayloadSegment = new byte[i * i * 25], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = (ushort)(i + 1),
            }));
            publishes++;
            if (i % 7 == 0)
                stream.AddRange(Encode(new MqttPingRespPacket()));
            if (i % 5 == 0)
                stream.AddRange(Encode(new MqttPubAckPacket { PacketIdentifier = 9 }));
        }

        var counter = new PublishFrameCounter();
        var counted = 0;
        var bytes = stream.ToArray();
        for (var offset = 0; offset < bytes.Length; offset += pieceSize)
            counted += counter.Observe(bytes.AsSpan(offset, Math.Min(pieceSize, bytes.Length - offset)));

        Assert.Equal(publishes, counted);
    }

    private static byte[] Encode(MqttPacket packet)
    {
        var formatter = new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65536));
        var buffer = formatter.Encode(packet);
        return buffer.Join().ToArray();
    }
}
