using System.Buffers;

namespace OpsCenter.Ingest.Pipeline;

/// <summary>
/// Arrays for received payloads while they wait in the inbox and their batch: a backlog keeps 10,000–15,000 messages in
/// hand, and as fresh arrays each of them was copied by every gen-0 collection it survived. Device messages are small;
/// only those up to <see cref="MaxPooledBytes"/> are pooled (a few MB held at most), larger ones get their own array.
/// The shared pool keeps too few arrays per size for a whole batch.
/// </summary>
public static class PayloadPool
{
    public const int MaxPooledBytes = 1024;
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(MaxPooledBytes, maxArraysPerBucket: 16_384);

    /// <summary>A copy of <paramref name="payload"/>; <paramref name="pooled"/> says whether to <see cref="Return"/> it.</summary>
    public static byte[] Copy(in ReadOnlySequence<byte> payload, out bool pooled)
    {
        var length = (int)payload.Length;
        pooled = length is > 0 and <= MaxPooledBytes;
        var array = pooled ? Pool.Rent(length) : new byte[length];
        payload.CopyTo(array);
        return array;
    }

    public static void Return(IncomingMessage message)
    {
        if (message.PayloadPooled)
            Pool.Return(message.Payload);
    }
}
