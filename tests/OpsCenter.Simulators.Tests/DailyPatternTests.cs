using System.Text.Json;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class DailyPatternTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(7));

    private static List<JsonElement> Telemetry(string kind, DateTimeOffset from, TimeSpan span)
    {
        var settings = SimulationSettings.Create(reboots: false);
        var model = new FleetModel(DeviceFactory.CreateAll(TestCity.Demo, settings), settings, from);
        return model.AdvanceTo(from + span)
            .Where(o => o.Message is { } m && m.Topic.StartsWith($"ops/v1/{kind}/", StringComparison.Ordinal) && m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(o => JsonDocument.Parse(o.Message!.Payload).RootElement.Clone())
            .ToList();
    }

    private static double Mean(List<JsonElement> readings, string field) => readings.Average(r => r.GetProperty(field).GetDouble());

    [Fact]
    public void Morning_rush_slows_traffic_and_raises_intensity_and_occupancy()
    {
        var rush = Telemetry("traffic", Monday.AddHours(7.75), TimeSpan.FromMinutes(30));
        var night = Telemetry("traffic", Monday.AddHours(2), TimeSpan.FromMinutes(30));
        var midday = Telemetry("traffic", Monday.AddHours(11), TimeSpan.FromMinutes(30));

        Assert.True(Mean(rush, "averageVehicleSpeed") < Mean(midday, "averageVehicleSpeed") - 5);
        Assert.True(Mean(midday, "averageVehicleSpeed") < Mean(night, "averageVehicleSpeed"));
        Assert.True(Mean(rush, "intensity") > 3 * Mean(night, "intensity"));
        Assert.True(Mean(rush, "occupancy") > Mean(midday, "occupancy"));
    }

    [Fact]
    public void Evening_rush_is_congested_too()
    {
        var evening = Telemetry("traffic", Monday.AddHours(17.25), TimeSpan.FromMinutes(30));
        var afternoon = Telemetry("traffic", Monday.AddHours(14.5), TimeSpan.FromMinutes(30));

        Assert.True(Mean(evening, "averageVehicleSpeed") < Mean(afternoon, "averageVehicleSpeed"));
        Assert.Contains(evening, r => r.GetProperty("congested").GetBoolean());
    }

    [Fact]
    public void A_weekday_morning_builds_queues_at_one_stop_offices_that_drain_by_lunch()
    {
        // From opening: the queue needs the morning to build, so the window starts at 07:30.
        var morning = Telemetry("counter", Monday.AddHours(7.5), TimeSpan.FromHours(3));
        var peak = morning.Where(r => r.GetProperty("ts").GetDateTimeOffset() >= Monday.AddHours(9.5)).ToList();
        var lunch = Telemetry("counter", Monday.AddHours(7.5), TimeSpan.FromHours(5.25))
            .Where(r => r.GetProperty("ts").GetDateTimeOffset() >= Monday.AddHours(12.5)).ToList();

        Assert.True(peak.Max(r => r.GetProperty("waiting").GetInt64()) >= 5, "no office had a queue at the morning peak");
        Assert.True(Mean(lunch, "waiting") < Mean(peak, "waiting"), "queues did not drain over lunch");
    }

    [Theory]
    [InlineData(0, 9, "open")]      // Monday morning
    [InlineData(0, 12.5, "closed")] // lunch break
    [InlineData(0, 15, "open")]     // Monday afternoon
    [InlineData(0, 20, "closed")]   // evening
    [InlineData(5, 9, "open")]      // Saturday morning
    [InlineData(5, 15, "closed")]   // Saturday afternoon
    [InlineData(6, 10, "closed")]   // Sunday
    public void Offices_follow_office_hours(int dayOffset, double hour, string expected)
    {
        var readings = Telemetry("counter", Monday.AddDays(dayOffset).AddHours(hour), TimeSpan.FromMinutes(2));

        Assert.NotEmpty(readings);
        Assert.All(readings, r => Assert.Equal(expected, r.GetProperty("serviceStatus").GetString()));
    }

    [Fact]
    public void Offices_have_people_waiting_mid_morning()
    {
        var readings = Telemetry("counter", Monday.AddHours(9), TimeSpan.FromMinutes(30));

        Assert.True(readings.Sum(r => r.GetProperty("waiting").GetInt64()) > 0);
        Assert.All(readings, r => Assert.True(r.GetProperty("countersOpen").GetInt64() > 0));
    }

    [Fact]
    public void Cameras_count_more_people_and_vehicles_by_day_than_at_night()
    {
        var day = Telemetry("camera", Monday.AddHours(8), TimeSpan.FromMinutes(10));
        var night = Telemetry("camera", Monday.AddHours(3), TimeSpan.FromMinutes(10));

        Assert.True(Mean(day, "peopleCount") > 2 * Mean(night, "peopleCount"));
        var streetVehicles = (List<JsonElement> r) => r.Where(x => x.TryGetProperty("vehicleCount", out _)).Average(x => x.GetProperty("vehicleCount").GetDouble());
        Assert.True(streetVehicles(day) > 3 * streetVehicles(night));
    }
}
