using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Ingest.Pipeline;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class LineProtocolTests
{
    [Fact]
    public void Escapes_each_position_by_its_own_rules()
    {
        var line = new LineProtocol("m x").Tag("t,k", "a=b c").Field("f", "say \"hi\" \\ ok").Field("n", 1.5).Field("i", 3L).Field("b", true).Build(42);
        Assert.Equal("m\\ x,t\\,k=a\\=b\\ c f=\"say \\\"hi\\\" \\\\ ok\",n=1.5,i=3i,b=t 42", line);
    }

    [Fact]
    public void A_repeat_of_device_seq_ts_maps_to_the_same_point_and_a_new_seq_to_another()
    {
        var ts = new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);
        var a = Reading(7, ts);
        var b = Reading(8, ts);
        Assert.Equal(PointMapper.TimestampNs(a), PointMapper.TimestampNs(Reading(7, ts)));
        Assert.NotEqual(PointMapper.TimestampNs(a), PointMapper.TimestampNs(b));
        Assert.Equal(ts.ToUnixTimeMilliseconds(), PointMapper.TimestampNs(a) / 1_000_000);
    }

    [Fact]
    public void Traffic_reading_becomes_one_point_with_device_area_and_lane_tags()
    {
        var reading = Reading(3, new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero)) with
        {
            Numbers = new() { ["averageVehicleSpeed"] = 28.5, ["laneId"] = 2 },
            Flags = new() { ["congested"] = false },
        };
        var line = PointMapper.ToLine(reading, "lechan");
        Assert.StartsWith("traffic_telemetry,device=tfd-1,area=lechan,lane=2 seq=3i,late=f,averageVehicleSpeed=28.5,congested=f ", line);
    }

    private static StoredReading Reading(long seq, DateTimeOffset ts) => new()
    {
        DeviceId = "tfd-1", Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = seq,
    };
}
