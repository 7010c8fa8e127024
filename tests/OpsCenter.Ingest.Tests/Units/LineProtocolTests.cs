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
    public void A_line_batch_writes_the_same_bytes_as_line_protocol_and_joins_lines_with_newlines()
    {
        using var batch = new LineBatch(1);
        batch.Start("m x").Tag("t,k", "a=b c").Tag("lane", 2).Field("f", "say \"hi\" \\ ok, é\n").Field("n", 1.5).Field("r", 0.1 + 0.2).Field("i", 3L).Field("b", true).End(42);
        batch.Start("m").Tag("t", "line\nbreak").Tag("e", "").Field("n", -2.0).End(-1);

        var expected = new LineProtocol("m x").Tag("t,k", "a=b c").Tag("lane", "2").Field("f", "say \"hi\" \\ ok, é\n").Field("n", 1.5).Field("r", 0.1 + 0.2).Field("i", 3L).Field("b", true).Build(42);
        Assert.Equal(expected, batch.Line(0));
        Assert.Equal("m,t=line break n=-2 -1", batch.Line(1)); // as LineProtocol: a newline becomes a space
        Assert.Equal(expected + "\n" + batch.Line(1), System.Text.Encoding.UTF8.GetString(batch.Body.Span));
        Assert.Equal([expected, batch.Line(1)], batch.ToStrings());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.0)]
    [InlineData(60.0)]
    [InlineData(-3.0)]
    [InlineData(1e15)]
    [InlineData(-1234567890123456.0)]
    [InlineData(9007199254740990.0)]
    [InlineData(9007199254740992.0)]
    [InlineData(9007199254740994.0)]
    [InlineData(1e300)]
    [InlineData(4.999999999999999)]
    public void Whole_numbers_take_the_integer_path_with_the_same_digits_as_round_trip_formatting(double value)
    {
        using var batch = new LineBatch(1);
        batch.Start("m").Field("n", value).End(1);

        Assert.Equal(new LineProtocol("m").Field("n", value).Build(1), batch.Line(0));
    }

    [Fact]
    public void A_line_batch_grows_past_its_first_buffer_and_reads_back_every_line()
    {
        using var batch = LineBatch.From(Enumerable.Range(0, 2_000).Select(i => $"m,d=dev-{i} v={i}i {i}"));

        Assert.Equal(2_000, batch.Count);
        Assert.Equal("m,d=dev-1999 v=1999i 1999", batch.Line(1_999));
        Assert.EndsWith("v=1999i 1999", System.Text.Encoding.UTF8.GetString(batch.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_batch_keeps_its_body_until_the_last_holder_lets_go()
    {
        var batch = LineBatch.From(["m v=1i 1"]);
        var held = batch.Hold();

        batch.Dispose();
        Assert.Equal("m v=1i 1", System.Text.Encoding.UTF8.GetString(held.Body.Span));
        held.Dispose();
        Assert.Throws<ObjectDisposedException>(() => held.Body);
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
