using OpsCenter.Contracts.Devices;

namespace OpsCenter.Contracts.Tests;

public class DeviceTopicTests
{
    [Theory]
    [InlineData("ops/v1/camera/cam-lechan-0042/telemetry", DeviceKind.Camera, "cam-lechan-0042", DeviceChannel.Telemetry)]
    [InlineData("ops/v1/traffic/tfd_07/event", DeviceKind.Traffic, "tfd_07", DeviceChannel.Event)]
    [InlineData("ops/v1/counter/Q1/status", DeviceKind.Counter, "Q1", DeviceChannel.Status)]
    public void Parses_topics_of_the_grammar(string topic, DeviceKind kind, string id, DeviceChannel channel)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed));
        Assert.Equal(new DeviceTopic(kind, id, channel), parsed);
        Assert.Equal(topic, parsed.ToString());
    }

    [Theory]
    [InlineData("ops/v1/bus/x/telemetry")]
    [InlineData("ops/v1/camera//telemetry")]
    [InlineData("ops/v1/camera/a b/telemetry")]
    [InlineData("ops/v1/camera/x/telemetry/extra")]
    [InlineData("ops/v1/camera/x/Telemetry")]
    [InlineData("ops/v2/camera/x/telemetry")]
    [InlineData("ops/v1/camera/x")]
    [InlineData("ops/v1/camera/ü/status")]
    public void Rejects_topics_outside_the_grammar(string topic) =>
        Assert.False(DeviceTopic.TryParse(topic, out _));

    [Fact]
    public void Device_id_is_at_most_64_characters()
    {
        Assert.True(DeviceTopic.TryParse($"ops/v1/camera/{new string('a', 64)}/status", out _));
        Assert.False(DeviceTopic.TryParse($"ops/v1/camera/{new string('a', 65)}/status", out _));
    }
}
