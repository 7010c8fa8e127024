using OpsCenter.Server.Kpis;
using static OpsCenter.Server.Tests.Kpis.KpiTestCity;

namespace OpsCenter.Server.Tests.Kpis;

/// <summary>One-stop office KPIs against hand-computed values, in Hai Phong days (00:00 +07:00).</summary>
public sealed class OfficeKpiTests
{
    [Fact]
    public void Waits_and_service_times_average_over_today_and_the_last_hour()
    {
        var (engine, _, _) = Engine(At(12, 1, 9, 30));
        // wait 10, service 15 (both before the last hour); A-2: wait 20, service 6; A-3 never called.
        Feed(engine,
            Ticket("ticketIssued", "A-1", At(12, 1, 8, 0)), Ticket("ticketCalled", "A-1", At(12, 1, 8, 10)), Ticket("ticketServed", "A-1", At(12, 1, 8, 25)),
            Ticket("ticketIssued", "A-2", At(12, 1, 8, 50)), Ticket("ticketCalled", "A-2", At(12, 1, 9, 10)), Ticket("ticketServed", "A-2", At(12, 1, 9, 16)),
            Ticket("ticketIssued", "A-3", At(12, 1, 9, 0)));

        var city = engine.City();
        Assert.Equal(15.0, city[KpiNames.AverageWaitMinutesToday]);      // (10 + 20) / 2
        Assert.Equal(20.0, city[KpiNames.AverageWaitMinutesLastHour]);   // only A-2 was called after 08:30
        Assert.Equal(10.5, city[KpiNames.AverageServiceMinutesToday]);   // (15 + 6) / 2
        Assert.Equal(6.0, city[KpiNames.AverageServiceMinutesLastHour]);
        Assert.Equal(0.0, city[KpiNames.NoShowRateToday]);
        Assert.Equal(15.0, engine.Area("a")[KpiNames.AverageWaitMinutesToday]);
        Assert.Null(engine.Area("b")[KpiNames.AverageWaitMinutesToday]);
    }

    [Fact]
    public void Tickets_without_a_call_measure_no_wait_and_are_forgotten_after_a_day()
    {
        var (engine, _, clock) = Engine(At(12, 1, 9, 30));
        Feed(engine, Ticket("ticketIssued", "A-1", At(12, 1, 8, 0)), Ticket("ticketIssued", "A-2", At(12, 1, 8, 5)));
        Assert.Null(engine.City()[KpiNames.AverageWaitMinutesToday]);
        Assert.Null(engine.City()[KpiNames.NoShowRateToday]);
        Assert.Equal(2, engine.Held.Tickets);

        clock.Now = At(12, 2, 9, 0);
        Feed(engine, Ticket("ticketIssued", "B-1", At(12, 2, 8, 59)));
        Assert.Equal(1, engine.Held.Tickets);
    }

    [Fact]
    public void A_ticket_is_forgotten_as_soon_as_it_is_served_and_joined()
    {
        var (engine, _, _) = Engine(At(12, 1, 9, 30));
        Feed(engine, Ticket("ticketIssued", "A-1", At(12, 1, 8, 0)), Ticket("ticketCalled", "A-1", At(12, 1, 8, 10)));
        Assert.Equal(1, engine.Held.Tickets);
        Feed(engine, Ticket("ticketServed", "A-1", At(12, 1, 8, 20)));
        Assert.Equal(0, engine.Held.Tickets);
    }

    [Fact]
    public void Late_data_lands_in_yesterday_not_today()
    {
        var (engine, _, clock) = Engine(At(12, 1, 9, 30));
        Feed(engine, Ticket("ticketIssued", "T-1", At(12, 1, 8, 0)), Ticket("ticketCalled", "T-1", At(12, 1, 8, 4)));
        // Yesterday's ticket arrives only now (a device's outbox after an outage): wait 15, called at 23:55.
        Feed(engine, Ticket("ticketIssued", "Y-1", At(11, 30, 23, 40)) with { Late = true },
            Ticket("ticketCalled", "Y-1", At(11, 30, 23, 55)) with { Late = true });

        Assert.Equal(4.0, engine.City()[KpiNames.AverageWaitMinutesToday]);
        clock.Now = At(11, 30, 23, 59);
        Assert.Equal(15.0, engine.City()[KpiNames.AverageWaitMinutesToday]);
    }

    [Fact]
    public void The_day_turns_at_midnight_in_Hai_Phong_not_UTC()
    {
        var (engine, _, clock) = Engine(At(12, 1, 0, 0, 30));
        Feed(engine,
            Ticket("ticketCalled", "N-1", At(11, 30, 23, 50)), Ticket("ticketNoShow", "N-1", At(11, 30, 23, 59, 59)),
            Ticket("ticketCalled", "S-1", At(11, 30, 23, 55)), Ticket("ticketServed", "S-1", At(12, 1, 0, 0, 0)),
            Rating(1, At(11, 30, 23, 59, 59)), Rating(5, At(12, 1, 0, 0, 0)));

        // 00:00:00 +07:00 is 17:00 UTC on Nov 30: a UTC day would still hold both.
        Assert.Equal(0.0, engine.City()[KpiNames.NoShowRateToday]);
        Assert.Equal(5.0, engine.City()[KpiNames.SatisfactionToday]);
        Assert.Equal(5.0, engine.City()[KpiNames.AverageServiceMinutesToday]);

        clock.Now = At(11, 30, 23, 59, 59);
        Assert.Equal(100.0, engine.City()[KpiNames.NoShowRateToday]);
        Assert.Equal(1.0, engine.City()[KpiNames.SatisfactionToday]);
        Assert.Null(engine.City()[KpiNames.AverageServiceMinutesToday]);
    }

    [Fact]
    public void A_case_received_in_November_and_resolved_in_December_counts_in_December()
    {
        var (engine, _, _) = Engine(At(12, 1, 11, 0));
        Feed(engine,
            CaseReceived("HS-0", At(11, 1, 9, 0), dueAt: At(11, 10, 17, 0), "inPerson"), CaseResolved("HS-0", At(11, 9, 10, 0)), // November's
            CaseReceived("HS-1", At(11, 20, 9, 0), dueAt: At(12, 1, 17, 0), "inPerson"),
            CaseReceived("HS-2", At(11, 25, 9, 0), dueAt: At(11, 30, 17, 0), "online"),
            CaseReceived("HS-3", At(12, 1, 8, 0), dueAt: At(12, 5, 17, 0), "online"),
            CaseResolved("HS-2", At(12, 1, 9, 0)),   // late: due Nov 30
            CaseResolved("HS-1", At(12, 1, 10, 0))); // on time

        var city = engine.City();
        Assert.Equal(50.0, city[KpiNames.OnTimeRateToday]);
        Assert.Equal(50.0, city[KpiNames.OnTimeRateMonth]); // HS-0 was November's
        Assert.Equal(100.0, city[KpiNames.OnlineShareToday]); // only HS-3 was received today
        Assert.Equal(1, engine.Held.Cases); // HS-3
    }

    [Fact]
    public void A_resolution_that_arrives_before_its_receipt_is_joined_when_the_receipt_comes()
    {
        var (engine, _, _) = Engine(At(12, 1, 11, 0));
        Feed(engine, CaseResolved("HS-4", At(12, 1, 10, 30)));
        Assert.Null(engine.City()[KpiNames.OnTimeRateToday]);
        Feed(engine, CaseReceived("HS-4", At(11, 28, 9, 0), dueAt: At(12, 2, 17, 0), "inPerson") with { Late = true });
        Assert.Equal(100.0, engine.City()[KpiNames.OnTimeRateToday]);
        Assert.Null(engine.City()[KpiNames.OnlineShareToday]); // received on Nov 28, not today
    }

    [Fact]
    public void Rates_and_shares_are_percentages_of_today()
    {
        var (engine, _, _) = Engine(At(12, 1, 16, 0));
        Feed(engine,
            Ticket("ticketServed", "1", At(12, 1, 9, 0)), Ticket("ticketServed", "2", At(12, 1, 9, 5)), Ticket("ticketServed", "3", At(12, 1, 9, 9)),
            Ticket("ticketNoShow", "4", At(12, 1, 10, 0)),
            CaseReceived("C-1", At(12, 1, 8, 0), At(12, 9, 17, 0), "online"), CaseReceived("C-2", At(12, 1, 8, 1), At(12, 9, 17, 0), "inPerson"),
            CaseReceived("C-3", At(12, 1, 8, 2), At(12, 9, 17, 0), "inPerson"),
            Rating(4, At(12, 1, 9, 0)), Rating(5, At(12, 1, 9, 1)), Rating(2, At(12, 1, 9, 2), device: "q-b-1"));

        var city = engine.City();
        Assert.Equal(25.0, city[KpiNames.NoShowRateToday]);    // 1 / (3 + 1)
        Assert.Equal(33.3, city[KpiNames.OnlineShareToday]);   // 1 / 3
        Assert.Equal(3.67, city[KpiNames.SatisfactionToday]);  // 11 / 3
        Assert.Equal(4.5, engine.Area("a")[KpiNames.SatisfactionToday]);
        Assert.Equal(2.0, engine.Area("b")[KpiNames.SatisfactionToday]);
    }

    [Fact]
    public void Nothing_measured_is_null_not_zero()
    {
        var (engine, _, _) = Engine(At(12, 1, 9, 30));
        var city = engine.City();
        foreach (var name in new[]
                 {
                     KpiNames.AverageWaitMinutesLastHour, KpiNames.AverageWaitMinutesToday, KpiNames.AverageServiceMinutesLastHour,
                     KpiNames.AverageServiceMinutesToday, KpiNames.NoShowRateToday, KpiNames.OnlineShareToday, KpiNames.OnTimeRateToday,
                     KpiNames.OnTimeRateMonth, KpiNames.SatisfactionToday, KpiNames.AverageSpeedKmh, KpiNames.CongestionIndex,
                     KpiNames.PeopleWaiting,
                 })
            Assert.Null(city[name]);
    }

    private static void Feed(KpiEngine engine, params Contracts.Ingestion.StoredReading[] readings)
    {
        foreach (var reading in readings)
            engine.OnStored(reading);
    }
}
