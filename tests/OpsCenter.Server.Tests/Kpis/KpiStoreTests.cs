using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.LocalServices;
using OpsCenter.Server.Kpis;
using OpsCenter.Server.Wall;
using OpsCenter.TimeSeries;
using static OpsCenter.Server.Tests.Kpis.KpiTestCity;

namespace OpsCenter.Server.Tests.Kpis;

/// <summary>Against a real InfluxDB: a restarted Server's KPIs pick up where they were, and the sparkline history.</summary>
public sealed class KpiStoreTests : IAsyncLifetime
{
    private InfluxDbServer _influx = null!;

    public async ValueTask InitializeAsync()
    {
        _influx = await InfluxDbServer.StartNewAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(_influx.Url, "query?q=CREATE%20DATABASE%20opscenter"), null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _influx.DisposeAsync();

    [Fact]
    public async Task A_restart_rebuilds_today_and_the_month_from_the_store()
    {
        var now = At(12, 1, 11, 0);
        await WriteAsync(
            // Today's ticket: wait 10, service 5; yesterday's no-show stays yesterday's.
            Line("ticketIssued", At(12, 1, 9, 0), 1, "ticketId=\"A-1\",serviceId=\"s\""),
            Line("ticketCalled", At(12, 1, 9, 10), 2, "ticketId=\"A-1\",counterNo=2"),
            Line("ticketServed", At(12, 1, 9, 15), 3, "ticketId=\"A-1\""),
            Line("ticketNoShow", At(11, 30, 23, 59, 59), 4, "ticketId=\"Y-1\""),
            // November's receipt (before the start of yesterday: read by the cases query) resolved on time today.
            Line("caseReceived", At(11, 20, 9, 0), 5, $"caseId=\"HS-1\",serviceId=\"land\",dueAt=\"{Utc(At(12, 1, 17, 0))}\"", channel: "inPerson"),
            Line("caseResolved", At(12, 1, 10, 0), 6, "caseId=\"HS-1\""),
            Line("caseReceived", At(12, 1, 8, 0), 7, $"caseId=\"HS-2\",serviceId=\"land\",dueAt=\"{Utc(At(12, 5, 17, 0))}\"", channel: "online"),
            Line("rating", At(12, 1, 9, 20), 8, "score=4i,ticketId=\"A-1\""),
            $"camera_telemetry,device=cam-a-1,area=a online=true,recording=true,fps=25,bitrateKbps=4096,seq=9i,late=false {Ns(now.AddMinutes(-1), 9)}");

        var (engine, state, clock) = Engine(now);
        state.Apply(Liveness("cam-a-1", "online", now));
        // The live stream already brought the rating before the store was read: it must count once.
        engine.OnStored(Rating(4, At(12, 1, 9, 20)) with { Seq = 8 });
        engine.OnStored(Rating(2, At(12, 1, 10, 30)) with { Seq = 10 }); // live only
        await new KpiRebuild(engine, Client(), state, clock, NullLogger<KpiRebuild>.Instance).RebuildAsync(TestContext.Current.CancellationToken);

        var city = engine.City();
        Assert.False(engine.Rebuilding);
        Assert.Equal(10.0, city[KpiNames.AverageWaitMinutesToday]);
        Assert.Equal(5.0, city[KpiNames.AverageServiceMinutesToday]);
        Assert.Equal(0.0, city[KpiNames.NoShowRateToday]);
        Assert.Equal(100.0, city[KpiNames.OnTimeRateToday]);
        Assert.Equal(100.0, city[KpiNames.OnTimeRateMonth]);
        Assert.Equal(100.0, city[KpiNames.OnlineShareToday]);
        Assert.Equal(3.0, city[KpiNames.SatisfactionToday]); // (4 + 2) / 2
        Assert.Equal(1, city[KpiNames.CamerasRecording]);
        Assert.Equal(1, engine.Held.Cases); // HS-2
    }

    [Fact]
    public async Task History_gives_one_point_a_minute_with_the_live_formulas()
    {
        var minute = At(12, 1, 8, 0);
        await WriteAsync(
            Traffic("tfd-a-1", 20, minute.AddMinutes(-2).AddSeconds(10), 1),
            Traffic("tfd-b-1", 60, minute.AddMinutes(-1).AddSeconds(20), 2),
            Traffic("tfd-a-1", 40, minute.AddSeconds(5), 3),
            // Too old to be live at any of the three minutes.
            Traffic("tfd-b-2", 90, minute.AddMinutes(-14), 4),
            $"counter_telemetry,device=q-a-1,area=a,serviceStatus=open waiting=5,countersOpen=2,seq=5i,late=false {Ns(minute.AddMinutes(-1).AddSeconds(1), 5)}");
        var history = new KpiHistory(Client(), Create(), new ManualClock(minute.AddSeconds(30)));
        var ct = TestContext.Current.CancellationToken;

        var speed = await history.PointsAsync(KpiNames.AverageSpeedKmh, null, 3, ct);
        Assert.Equal([Ms(minute.AddMinutes(-2)), Ms(minute.AddMinutes(-1)), Ms(minute)], speed.Select(p => p.T));
        Assert.Equal([20.0, 40.0, 50.0], speed.Select(p => p.V));
        Assert.Equal([20.0, 20.0, 40.0], (await history.PointsAsync(KpiNames.AverageSpeedKmh, "a", 3, ct)).Select(p => p.V));
        Assert.Equal([600.0, 1200.0, 1200.0], (await history.PointsAsync(KpiNames.TrafficVolumePerHour, null, 3, ct)).Select(p => p.V));
        Assert.Equal([null, 5.0, 5.0], (await history.PointsAsync(KpiNames.PeopleWaiting, null, 3, ct)).Select(p => p.V));
    }

    private static string Traffic(string device, double speed, DateTimeOffset ts, long seq) =>
        $"traffic_telemetry,device={device},area={device[4]},lane=1 averageVehicleSpeed={speed.ToString(CultureInfo.InvariantCulture)},occupancy=0.2,intensity=10i,periodSeconds=60i,seq={seq}i,late=false {Ns(ts, seq)}";

    private static string Line(string type, DateTimeOffset ts, long seq, string fields, string? channel = null) =>
        $"counter_event,device=q-a-1,area=a,type={type}{(channel is null ? "" : ",channel=" + channel)} {fields},seq={seq}i,late=false {Ns(ts, seq)}";

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private InfluxQlClient Client() =>
        new(new HttpClient(), Options.Create(new InfluxOptions { Url = _influx.Url.ToString(), Database = "opscenter" }));

    private async Task WriteAsync(params string[] lines)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(_influx.Url, "write?db=opscenter&precision=ns"), new StringContent(string.Join('\n', lines)), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
