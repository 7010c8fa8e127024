using OpsCenter.Server.Kpis;
using static OpsCenter.Server.Tests.Kpis.KpiTestCity;

namespace OpsCenter.Server.Tests.Kpis;

/// <summary>Camera, traffic and queue KPIs from the devices' latest readings, against hand-computed values.</summary>
public sealed class LiveKpiTests
{
    private static readonly DateTimeOffset Now = At(12, 1, 8, 0);

    [Fact]
    public void Traffic_figures_average_per_detector_and_compare_speed_with_free_flow()
    {
        var (engine, state, _) = Engine(Now);
        // tfd-a-1 (free flow 50): lanes 20 and 30 km/h → 25 km/h, index 50 / 25 = 2 (congested), occupancy 20 %, 3,000 veh/h.
        state.Apply(Traffic("tfd-a-1", 1, speed: 20, occupancy: 0.30, intensity: 30, period: 60, Now));
        state.Apply(Traffic("tfd-a-1", 2, speed: 30, occupancy: 0.10, intensity: 20, period: 60, Now));
        // tfd-b-1 (free flow 60): 60 km/h → index 1; 25 vehicles in 5 minutes → 300 veh/h.
        state.Apply(Traffic("tfd-b-1", 1, speed: 60, occupancy: 0.05, intensity: 25, period: 300, Now));
        // tfd-b-2 has no free-flow speed: in speed, occupancy and volume (600 veh/h), not in the index.
        state.Apply(Traffic("tfd-b-2", 1, speed: 40, occupancy: 0.15, intensity: 10, period: 60, Now));

        var city = engine.City();
        Assert.Equal(3, city[KpiNames.DetectorsReporting]);
        Assert.Equal(3900.0, city[KpiNames.TrafficVolumePerHour]);
        Assert.Equal(41.7, city[KpiNames.AverageSpeedKmh]);       // (25 + 60 + 40) / 3
        Assert.Equal(13.3, city[KpiNames.OccupancyPercent]);      // (20 + 5 + 15) / 3
        Assert.Equal(1.5, city[KpiNames.CongestionIndex]);        // (2 + 1) / 2
        Assert.Equal(1, city[KpiNames.CongestedDetectors]);

        var b = engine.Area("b");
        Assert.Equal((900.0, 50.0, 10.0, 1.0, 0), (b[KpiNames.TrafficVolumePerHour], b[KpiNames.AverageSpeedKmh], b[KpiNames.OccupancyPercent], b[KpiNames.CongestionIndex], b[KpiNames.CongestedDetectors]));
    }

    [Fact]
    public void A_standing_queue_caps_the_index_instead_of_dividing_by_zero()
    {
        Assert.Equal(10, TrafficFigures.TravelTimeIndex(50, 0));
        Assert.Equal(1, TrafficFigures.TravelTimeIndex(50, 70)); // faster than free flow is still free flow
    }

    [Fact]
    public void Cameras_recording_are_online_cameras_whose_latest_telemetry_says_so()
    {
        var (engine, state, _) = Engine(Now);
        state.Apply(Liveness("cam-a-1", "online", Now));
        state.Apply(Liveness("cam-a-2", "degraded", Now));
        state.Apply(Liveness("cam-b-1", "offline", Now));
        engine.OnStored(Camera("cam-a-1", recording: true, Now));
        engine.OnStored(Camera("cam-a-2", recording: false, Now));
        engine.OnStored(Camera("cam-b-1", recording: true, Now.AddMinutes(-1))); // offline since: not recording now
        engine.OnStored(Camera("cam-a-2", recording: true, Now.AddMinutes(-2)) with { Late = true }); // older: ignored

        var city = engine.City();
        Assert.Equal((3, 2, 1), (city[KpiNames.CamerasTotal], city[KpiNames.CamerasOnline], city[KpiNames.CamerasRecording]));
        Assert.Equal((1, 0, 0), (engine.Area("b")[KpiNames.CamerasTotal], engine.Area("b")[KpiNames.CamerasOnline], engine.Area("b")[KpiNames.CamerasRecording]));
    }

    [Fact]
    public void Queues_sum_the_people_waiting_and_count_open_offices()
    {
        var (engine, state, _) = Engine(Now);
        state.Apply(Office("q-a-1", 7, "open", Now));
        state.Apply(Office("q-b-1", 3, "closed", Now));
        var city = engine.City();
        Assert.Equal((10L, 1), (city[KpiNames.PeopleWaiting], city[KpiNames.OfficesOpen]));
        Assert.Equal((3L, 0), (engine.Area("b")[KpiNames.PeopleWaiting], engine.Area("b")[KpiNames.OfficesOpen]));
    }

    [Fact]
    public void Every_catalogue_name_is_published_city_wide_and_all_but_the_process_count_per_area()
    {
        var (engine, _, _) = Engine(Now);
        Assert.Equal(KpiNames.All.Order(), engine.City().Keys.Order());
        Assert.Equal(KpiNames.All.Where(n => n != KpiNames.ReadingsStored).Order(), engine.Area("a").Keys.Order());
        Assert.Empty(engine.Area("nowhere"));
    }

    [Fact]
    public void An_event_the_live_stream_brought_during_the_rebuild_is_not_counted_again()
    {
        var (engine, _, _) = Engine(Now);
        var issued = Ticket("ticketIssued", "A-1", Now.AddMinutes(-20));
        var called = Ticket("ticketCalled", "A-1", Now.AddMinutes(-10));
        var served = Ticket("ticketServed", "A-1", Now.AddMinutes(-5));
        engine.OnStored(served); // live, while the store is being read
        foreach (var stored in new[] { issued, called, served, Ticket("ticketNoShow", "B-1", Now.AddMinutes(-4)) })
            engine.OnRebuilt(stored);
        engine.RebuildFinished();

        Assert.False(engine.Rebuilding);
        Assert.Equal(10.0, engine.City()[KpiNames.AverageWaitMinutesToday]);
        Assert.Equal(50.0, engine.City()[KpiNames.NoShowRateToday]); // 1 / (1 served + 1): served once, not twice
    }
}
