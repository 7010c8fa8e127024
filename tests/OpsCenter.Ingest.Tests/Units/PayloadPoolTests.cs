using System.Buffers;
using System.Text;
using OpsCenter.Ingest.Pipeline;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class PayloadPoolTests
{
    [Fact]
    public void A_small_payload_is_copied_into_a_pooled_array_and_only_its_length_is_the_message()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"deviceId":"tfd-lechan-01"}""");
        var array = PayloadPool.Copy(new ReadOnlySequence<byte>(bytes), out var pooled);
        var message = new IncomingMessage("t", array, bytes.Length, DateTimeOffset.UnixEpoch, 0, null) { PayloadPooled = pooled };

        Assert.True(pooled);
        Assert.True(array.Length >= bytes.Length);
        Assert.Equal(bytes, message.Kept.ToArray());
        PayloadPool.Return(message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PayloadPool.MaxPooledBytes + 1)]
    public void Empty_and_large_payloads_get_their_own_exact_array(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        var array = PayloadPool.Copy(new ReadOnlySequence<byte>(bytes), out var pooled);

        Assert.False(pooled);
        Assert.Equal(bytes, array);
    }
}
