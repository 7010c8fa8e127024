using System.Buffers;
using System.Buffers.Binary;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// The consumer's connection as MQTTnet writes to it, plus one thing MQTTnet cannot do: acknowledge a whole batch of
/// QoS 1 messages in one socket write (<see cref="Acknowledge"/>). MQTTnet's acknowledgement is a packet object, an
/// encoding, a task and a system call per message, and it needs its delivery object kept until then, which kept every
/// message's MQTTnet objects (packet, payload copy, event arguments) alive in memory until its batch was durable.
/// Every write happens under one lock and synchronously, so PUBACKs written here and MQTTnet's own writes (a ping from
/// its keep-alive task) never interleave; on this connection those are small control packets, each one write.
/// Reads pass straight through.
/// </summary>
internal sealed class AcknowledgingStream(Stream inner) : ConnectionStream(inner)
{
    private const int PubAckBytes = 4;
    private readonly Lock _writes = new();

    public override bool CanRead => Inner.CanRead;

    /// <summary>
    /// Writes a PUBACK for each packet identifier, all in one write; throws what the connection's write throws (the
    /// connection is gone: the broker sends those messages again and the duplicate filter drops them).
    /// </summary>
    public void Acknowledge(ReadOnlySpan<ushort> packetIds)
    {
        if (packetIds.IsEmpty)
            return;
        var bytes = ArrayPool<byte>.Shared.Rent(packetIds.Length * PubAckBytes);
        try
        {
            for (var i = 0; i < packetIds.Length; i++)
                WritePubAck(bytes.AsSpan(i * PubAckBytes, PubAckBytes), packetIds[i]);
            Write(bytes.AsSpan(0, packetIds.Length * PubAckBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// PUBACK (type 4, flags 0), remaining length 2, the packet identifier: MQTT 3.1.1 §3.4, and MQTT 5 §3.4.2.1,
    /// where a remaining length of 2 means reason code 0x00 (success) and no properties.
    /// </summary>
    internal static void WritePubAck(Span<byte> target, ushort packetId)
    {
        target[0] = 0x40;
        target[1] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(target[2..], packetId);
    }

    public override void Write(ReadOnlySpan<byte> source)
    {
        lock (_writes)
            Inner.Write(source);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        Write(source.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        Inner.ReadAsync(destination, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(Span<byte> destination) => Inner.Read(destination);

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
}
