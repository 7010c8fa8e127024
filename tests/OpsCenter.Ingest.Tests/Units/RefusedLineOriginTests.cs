using OpsCenter.Ingest.DeadLetters;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class RefusedLineOriginTests
{
    [Theory]
    [InlineData("traffic_telemetry,device=tfd-01,area=a seq=1i 1", "ops/v1/traffic/tfd-01/telemetry", "tfd-01")]
    [InlineData("camera_event,device=cam-7,area=a,type=incident seq=2i 1", "ops/v1/camera/cam-7/event", "cam-7")]
    [InlineData("device_status,device=ctr-3,area=a,kind=counter,state=online seq=3i 1", "ops/v1/counter/ctr-3/status", "ctr-3")]
    [InlineData("traffic_telemetry,area=a seq=1i 1", "traffic_telemetry", null)]
    [InlineData("other\\ measurement,device=x\\,y f=1 1", "other measurement", "x,y")]
    public void Reads_the_device_and_its_topic_back_from_a_stored_line(string line, string topic, string? deviceId)
    {
        var origin = RefusedLineOrigin.Of(line);

        Assert.Equal(topic, origin.Topic);
        Assert.Equal(deviceId, origin.DeviceId);
    }
}
