using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Leaders.Indicators;
using OpsCenter.Server.Leaders.Rollups;
using static OpsCenter.Server.Leaders.Indicators.IndicatorCatalog;
using static OpsCenter.Server.Tests.Kpis.KpiTestCity;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// Rollups against hand-computed values, on readings written to a real InfluxDB: the last hour of 10 November and the
/// first of 11 November in Hai Phong (16:00 and 17:00 UTC), so every join, camera-minute and detector-minute must land
/// on the right side of 00:00 +07:00. Then late data, a second run, and the indicator source over the result.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RollupValueTests(ServerFixture server) : IAsyncLifetime
{
    private static readonly DateTimeOffset LastHourOfTenth = At(11, 10, 23, 0);
    private static readonly DateTimeOffset FirstHourOfEleventh = At(11, 11, 0, 0);
    private static readonly DateOnly Tenth = new(2026, 11, 10);
    private static readonly DateOnly Eleventh = new(2026, 11, 11);

    private RollupRig _rig = null!;
    private long _seq;

    public async ValueTask InitializeAsync()
    {
        _rig = await RollupRig.StartAsync(server, At(11, 12, 10, 0));
        await _rig.WriteRawAsync(
            // Ticket B: waits 10 min, then does not come (both the 10th). Ticket A: issued the 10th, called 00:05 the
            // 11th (a 15-minute wait of the 11th), served 10 minutes later.
            Office("ticketIssued", At(11, 10, 23, 20), "ticketId=\"B\""),
            Office("ticketCalled", At(11, 10, 23, 30), "ticketId=\"B\""),
            Office("ticketNoShow", At(11, 10, 23, 35), "ticketId=\"B\""),
            Office("ticketIssued", At(11, 10, 23, 50), "ticketId=\"A\""),
            Office("ticketCalled", At(11, 11, 0, 5), "ticketId=\"A\""),
            Office("ticketServed", At(11, 11, 0, 15), "ticketId=\"A\""),
            // HS-1: received online on the 9th (outside the hours rolled up, found by the join), resolved on time.
            Office("caseReceived", At(11, 9, 0, 40), $"caseId=\"HS-1\",serviceId=\"land\",dueAt=\"{Utc(At(11, 11, 17, 0))}\"", "online"),
            Office("caseResolved", At(11, 11, 0, 30), "caseId=\"HS-1\""),
            // HS-2: received in person the 10th, due 10 minutes later, resolved after 40 minutes: late.
            Office("caseReceived", At(11, 10, 23, 40), $"caseId=\"HS-2\",serviceId=\"land\",dueAt=\"{Utc(At(11, 10, 23, 50))}\"", "inPerson"),
            Office("caseResolved", At(11, 11, 0, 20), "caseId=\"HS-2\""),
            Office("rating", At(11, 10, 23, 59), "score=5i"),
            Office("rating", At(11, 11, 0, 1), "score=3i"),
            // tfd-a-1 (free flow 50): 25 km/h at 23:59 is index 2 (congested); 45 at 00:00 is not; 40 flagged at 00:01 is.
            Traffic("tfd-a-1", "a", 1, 20, false, At(11, 10, 23, 59, 10)),
            Traffic("tfd-a-1", "a", 2, 30, false, At(11, 10, 23, 59, 10)),
            Traffic("tfd-a-1", "a", 1, 40, false, At(11, 11, 0, 0, 10)),
            Traffic("tfd-a-1", "a", 2, 50, false, At(11, 11, 0, 0, 10)),
            Traffic("tfd-a-1", "a", 1, 40, true, At(11, 11, 0, 1, 10)),
            // tfd-b-2 has no free-flow speed: slow but not flagged, so not congested.
            Traffic("tfd-b-2", "b", 1, 10, false, At(11, 11, 0, 2, 10)),
            // cam-a-1 (reporting every 30 s: silent after 150 s): online 23:58-23:59 (the 00:00 minute is its own
            // offline reading), online again 00:10-00:12. cam-a-2 and cam-b-1 never report.
            Camera("cam-a-1", true, At(11, 10, 23, 58, 30)),
            Camera("cam-a-1", false, At(11, 11, 0, 0, 30)),
            Camera("cam-a-1", true, At(11, 11, 0, 10, 0)));
    }

    public async ValueTask DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Hours_on_either_side_of_midnight_in_Hai_Phong_hold_the_hand_computed_sums()
    {
        await _rig.Runner.RecomputeAsync([LastHourOfTenth, FirstHourOfEleventh], _rig.Clock.Now, CancellationToken.None);

        var hourly = await AreaPointsAsync(_rig.Store.HourlyPolicy);
        var tenthA = hourly[(LastHourOfTenth, "a")];
        Assert.Equal((600.0, 1.0, 1.0, 0.0), (tenthA[RollupFields.WaitSecondsSum]!.Value, tenthA[RollupFields.Waits]!.Value, tenthA[RollupFields.NoShows]!.Value, tenthA[RollupFields.Served]!.Value));
        Assert.Equal((1.0, 0.0, 0.0), (tenthA[RollupFields.CasesReceived]!.Value, tenthA[RollupFields.CasesOnline]!.Value, tenthA[RollupFields.CasesResolved]!.Value));
        Assert.Equal((2.0, 120.0), (tenthA[RollupFields.CameraOnlineMinutes]!.Value, tenthA[RollupFields.CameraExpectedMinutes]!.Value));
        Assert.Equal((25.0, 1.0, 1.0), (tenthA[RollupFields.SpeedSum]!.Value, tenthA[RollupFields.SpeedMinutes]!.Value, tenthA[RollupFields.CongestedMinutes]!.Value));

        var eleventhA = hourly[(FirstHourOfEleventh, "a")];
        Assert.Equal((900.0, 600.0, 1.0), (eleventhA[RollupFields.WaitSecondsSum]!.Value, eleventhA[RollupFields.ServiceSecondsSum]!.Value, eleventhA[RollupFields.Served]!.Value));
        Assert.Equal((2.0, 1.0, 172_200.0 + 2_400.0), (eleventhA[RollupFields.CasesResolved]!.Value, eleventhA[RollupFields.CasesOnTime]!.Value, eleventhA[RollupFields.ProcessingSecondsSum]!.Value));
        Assert.Equal((3.0, 1.0), (eleventhA[RollupFields.RatingSum]!.Value, eleventhA[RollupFields.Ratings]!.Value));
        Assert.Equal((3.0, 120.0), (eleventhA[RollupFields.CameraOnlineMinutes]!.Value, eleventhA[RollupFields.CameraExpectedMinutes]!.Value));
        Assert.Equal((85.0, 2.0, 1.0), (eleventhA[RollupFields.SpeedSum]!.Value, eleventhA[RollupFields.SpeedMinutes]!.Value, eleventhA[RollupFields.CongestedMinutes]!.Value));
        var eleventhB = hourly[(FirstHourOfEleventh, "b")];
        Assert.Equal((10.0, 1.0, 0.0), (eleventhB[RollupFields.SpeedSum]!.Value, eleventhB[RollupFields.SpeedMinutes]!.Value, eleventhB[RollupFields.CongestedMinutes]!.Value));
        Assert.Null(eleventhB[RollupFields.Served]); // no office of b did anything: not measured, not 0

        // Each city day is stamped at its own midnight (17:00 UTC the day before) and holds only its own hour.
        var daily = await AreaPointsAsync(_rig.Store.DailyPolicy);
        Assert.Equal(600.0, daily[(At(11, 10, 0, 0), "a")][RollupFields.WaitSecondsSum]);
        Assert.Equal(900.0, daily[(At(11, 11, 0, 0), "a")][RollupFields.WaitSecondsSum]);
        Assert.Equal(4, daily.Count);
    }

    [Fact]
    public async Task The_indicator_source_gives_the_ratios_of_the_sums_and_null_where_nothing_was_measured()
    {
        await _rig.Runner.RecomputeAsync([LastHourOfTenth, FirstHourOfEleventh], _rig.Clock.Now, CancellationToken.None);
        await AddCitizenReportAsync("b", received: At(11, 10, 23, 30), answered: At(11, 11, 1, 30));

        var tenth = await _rig.Indicators.TableAsync(CityDays.Day(Tenth), CancellationToken.None);
        Assert.Equal(10.0, tenth.City[AverageWaitMinutes]);
        Assert.Null(tenth.City[AverageServiceMinutes]);
        Assert.Equal(100.0, tenth.City[NoShowRatePercent]);
        Assert.Equal(0.0, tenth.City[TicketsServed]);
        Assert.Null(tenth.City[CasesOnTimePercent]);
        Assert.Equal(0.0, tenth.City[OnlineSharePercent]);
        Assert.Equal(5.0, tenth.City[Satisfaction]);
        Assert.Equal(1.1, tenth.City[CameraAvailabilityPercent]); // 2 of 3 × 60 camera-minutes
        Assert.Equal(25.0, tenth.City[AverageSpeedKmh]);
        Assert.Equal(0.0, tenth.City[CongestionHours]); // one minute: 0.02 h
        Assert.Null(tenth.Areas["b"][AverageSpeedKmh]);
        Assert.Null(tenth.Areas["b"][TicketsServed]);
        Assert.Equal(0.0, tenth.Areas["b"][CameraAvailabilityPercent]);
        Assert.Null(tenth.City[Digitisation]);
        // Citizen reports come from PostgreSQL, by the day they were received.
        Assert.Equal((1.0, 100.0, 2.0), (tenth.Areas["b"][CitizenReportsReceived]!.Value, tenth.Areas["b"][CitizenReportsAnsweredPercent]!.Value,
            tenth.Areas["b"][CitizenReportsMedianHoursToAnswer]!.Value));
        Assert.Equal(0.0, tenth.Areas["a"][CitizenReportsReceived]);
        Assert.Null(tenth.Areas["a"][CitizenReportsAnsweredPercent]);

        var eleventh = await _rig.Indicators.TableAsync(CityDays.Day(Eleventh), CancellationToken.None);
        Assert.Equal(15.0, eleventh.City[AverageWaitMinutes]);
        Assert.Equal(10.0, eleventh.City[AverageServiceMinutes]);
        Assert.Equal(0.0, eleventh.City[NoShowRatePercent]);
        Assert.Equal(1.0, eleventh.City[TicketsServed]);
        Assert.Equal(50.0, eleventh.City[CasesOnTimePercent]);
        Assert.Equal(1.0, eleventh.City[AverageProcessingDays]); // (47 h 50 min + 40 min) / 2 = 1.01 days
        Assert.Null(eleventh.City[OnlineSharePercent]);
        Assert.Equal(3.0, eleventh.City[Satisfaction]);
        Assert.Equal(1.7, eleventh.City[CameraAvailabilityPercent]); // 3 / 180
        Assert.Equal(2.5, eleventh.Areas["a"][CameraAvailabilityPercent]); // 3 / 120
        Assert.Equal(31.7, eleventh.City[AverageSpeedKmh]); // (45 + 40 + 10) / 3 detector-minutes
        Assert.Equal(42.5, eleventh.Areas["a"][AverageSpeedKmh]);
        Assert.Equal(10.0, eleventh.Areas["b"][AverageSpeedKmh]);

        // Two days add up from the sums, not by averaging the days' averages.
        var both = await _rig.Indicators.TableAsync(new CityDays(Tenth, Eleventh), CancellationToken.None);
        Assert.Equal(12.5, both.City[AverageWaitMinutes]); // (600 + 900) s / 2
        Assert.Equal(30.0, both.City[AverageSpeedKmh]); // (25 + 85 + 10) / 4
        Assert.Equal(4.0, both.City[Satisfaction]);

        var hours = await _rig.Indicators.TrendAsync(AverageSpeedKmh, null, new CityDays(Tenth, Eleventh), IndicatorGrain.Hour, CancellationToken.None);
        Assert.Equal(48, hours.Count);
        Assert.Equal(At(11, 10, 0, 0), hours[0].Start);
        Assert.Equal([(LastHourOfTenth, 25.0), (FirstHourOfEleventh, 31.7)], hours.Where(p => p.Value is not null).Select(p => (p.Start, p.Value!.Value)));
        var days = await _rig.Indicators.TrendAsync(AverageSpeedKmh, "a", new CityDays(Tenth, Eleventh), IndicatorGrain.Day, CancellationToken.None);
        Assert.Equal([(At(11, 10, 0, 0), (double?)25.0), (At(11, 11, 0, 0), 42.5)], days.Select(p => (p.Start, p.Value)));
        var reports = await _rig.Indicators.TrendAsync(CitizenReportsReceived, "b", new CityDays(Tenth, Eleventh), IndicatorGrain.Day, CancellationToken.None);
        Assert.Equal([1.0, 0.0], reports.Select(p => p.Value));

        // No device measures digitisation; an area the inventory lacks has no data; an unknown key is the caller's error.
        Assert.All(await _rig.Indicators.TrendAsync(Digitisation, null, CityDays.Day(Tenth), IndicatorGrain.Day, CancellationToken.None), p => Assert.Null(p.Value));
        Assert.All(await _rig.Indicators.TrendAsync(AverageSpeedKmh, "x' OR 1=1", CityDays.Day(Tenth), IndicatorGrain.Hour, CancellationToken.None), p => Assert.Null(p.Value));
        await Assert.ThrowsAsync<ArgumentException>(() => _rig.Indicators.TrendAsync("speed", null, CityDays.Day(Tenth), IndicatorGrain.Day, CancellationToken.None));
    }

    [Fact]
    public async Task Late_data_marks_its_hour_and_the_next_run_recomputes_it_and_its_day_then_clears_the_mark()
    {
        var now = At(11, 12, 10, 0);
        await _rig.Job.RunSweepAsync(CancellationToken.None);
        var before = await _rig.Indicators.TableAsync(CityDays.Day(Tenth), CancellationToken.None);
        Assert.Equal(10.0, before.City[AverageWaitMinutes]);
        Assert.Null(before.Areas["b"][AverageWaitMinutes]);

        // A ticket of q-b-1 from 23:00-23:20 on the 10th arrives a day and a half late (the office's outbox).
        var issued = Stored("q-b-1", At(11, 10, 23, 0), "ticketIssued", "C");
        var called = Stored("q-b-1", At(11, 10, 23, 20), "ticketCalled", "C");
        await _rig.WriteRawAsync(Office("ticketIssued", issued.Ts, "ticketId=\"C\"", device: "q-b-1"), Office("ticketCalled", called.Ts, "ticketId=\"C\"", device: "q-b-1"));
        _rig.LateMarks.OnReading(issued, live: true);
        _rig.LateMarks.OnReading(called, live: true);
        // Current-hour readings are the recent run's anyway: no mark.
        _rig.LateMarks.OnReading(Stored("q-b-1", now.AddMinutes(-1), "rating", null), live: true);
        await _rig.LateMarks.FlushAsync(CancellationToken.None);
        var marked = await _rig.Marks.ReadAsync(now.AddDays(-8), now, CancellationToken.None);
        Assert.Equal([LastHourOfTenth], marked.Select(m => m.Hour));

        await _rig.Job.RunRecentAsync(CancellationToken.None);

        var after = await _rig.Indicators.TableAsync(CityDays.Day(Tenth), CancellationToken.None);
        Assert.Equal(15.0, after.City[AverageWaitMinutes]); // (10 + 20) / 2
        Assert.Equal(20.0, after.Areas["b"][AverageWaitMinutes]);
        Assert.Equal(10.0, after.Areas["a"][AverageWaitMinutes]);
        Assert.Empty(await _rig.Marks.ReadAsync(now.AddDays(-8), now, CancellationToken.None));
    }

    [Fact]
    public async Task The_recent_run_includes_the_current_hour_up_to_its_last_whole_minute()
    {
        _rig.Clock.Now = At(11, 12, 10, 30, 20);
        await _rig.WriteRawAsync(Traffic("tfd-b-1", "b", 1, 30, false, At(11, 12, 10, 5, 0)), Camera("cam-b-1", true, At(11, 12, 10, 29, 0)));

        await _rig.Job.RunRecentAsync(CancellationToken.None);

        var today = new DateOnly(2026, 11, 12);
        var hours = await _rig.Indicators.TrendAsync(AverageSpeedKmh, "b", CityDays.Day(today), IndicatorGrain.Hour, CancellationToken.None);
        Assert.Equal(30.0, hours.Single(p => p.Start == At(11, 12, 10, 0)).Value);
        Assert.Null(hours.Single(p => p.Start == At(11, 12, 11, 0)).Value);
        // 30 whole minutes have ended; cam-b-1 was up at 10:29 only (10:30 has not ended). Area b: one camera.
        var current = (await _rig.Store.ReadAsync(_rig.Store.HourlyPolicy, RollupFields.AreaMeasurement, At(11, 12, 10, 0), At(11, 12, 11, 0), "b", CancellationToken.None)).Single();
        Assert.Equal((1.0, 30.0), (current.Totals[RollupFields.CameraOnlineMinutes]!.Value, current.Totals[RollupFields.CameraExpectedMinutes]!.Value));
        Assert.Equal(30.0, (await _rig.Indicators.TableAsync(CityDays.Day(today), CancellationToken.None)).Areas["b"][AverageSpeedKmh]);
    }

    [Fact]
    public async Task Running_the_rollups_twice_leaves_exactly_the_same_points()
    {
        await _rig.Job.RunSweepAsync(CancellationToken.None);
        var hourly = await _rig.DumpAsync(_rig.Store.HourlyPolicy);
        var daily = await _rig.DumpAsync(_rig.Store.DailyPolicy);
        Assert.Contains("waitSecondsSum=600", hourly, StringComparison.Ordinal);

        await _rig.Job.RunSweepAsync(CancellationToken.None);
        await _rig.Runner.RecomputeAsync([LastHourOfTenth, FirstHourOfEleventh], _rig.Clock.Now, CancellationToken.None);

        Assert.Equal(hourly, await _rig.DumpAsync(_rig.Store.HourlyPolicy));
        Assert.Equal(daily, await _rig.DumpAsync(_rig.Store.DailyPolicy));
    }

    private async Task<Dictionary<(DateTimeOffset, string), RollupTotals>> AreaPointsAsync(string policy)
    {
        var points = await _rig.Store.ReadAsync(policy, RollupFields.AreaMeasurement, At(11, 1, 0, 0), At(11, 20, 0, 0), null, CancellationToken.None);
        return points.ToDictionary(p => (p.Start, p.Area!), p => p.Totals);
    }

    private async Task AddCitizenReportAsync(string area, DateTimeOffset received, DateTimeOffset answered)
    {
        await using var command = _rig.Postgres.CreateCommand("""
            INSERT INTO citizen_reports (report_id, ts, category, description, lat, lon, received_at, received_from, source_system, area_id,
                                         answer_text, answered_by, answered_at)
            VALUES ($1, $2, 'traffic', 'rollup test', 0, 0, $2, 'rollup-tests', 'rollup-tests', $3, 'done', 'test', $4)
            """);
        command.Parameters.AddWithValue($"rollup-{Guid.NewGuid():N}");
        command.Parameters.AddWithValue(received.UtcDateTime);
        command.Parameters.AddWithValue(area);
        command.Parameters.AddWithValue(answered.UtcDateTime);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private StoredReading Stored(string device, DateTimeOffset ts, string type, string? ticket) => new()
    {
        DeviceId = device, Kind = DeviceKind.Counter, Channel = DeviceChannel.Event, Ts = ts, Seq = ++_seq, EventType = type,
        Texts = ticket is null ? [] : new() { ["ticketId"] = ticket },
    };

    private string Office(string type, DateTimeOffset ts, string fields, string? channel = null, string device = "q-a-1")
    {
        var seq = ++_seq;
        return $"counter_event,device={device},area={device[2]},type={type}{(channel is null ? "" : ",channel=" + channel)} {fields},seq={seq}i,late=false {Ns(ts, seq)}";
    }

    private string Traffic(string device, string area, int lane, double speed, bool congested, DateTimeOffset ts)
    {
        var seq = ++_seq;
        return string.Create(CultureInfo.InvariantCulture,
            $"traffic_telemetry,device={device},area={area},lane={lane} averageVehicleSpeed={speed},occupancy=0.2,intensity=10i,periodSeconds=60i,congested={(congested ? "true" : "false")},seq={seq}i,late=false {Ns(ts, seq)}");
    }

    private string Camera(string device, bool online, DateTimeOffset ts)
    {
        var seq = ++_seq;
        return $"camera_telemetry,device={device},area=a online={(online ? "true" : "false")},recording=true,fps=25,seq={seq}i,late=false {Ns(ts, seq)}";
    }
}
