using System.Text.Json;
using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class ScenarioTests
{
    public static TheoryData<string> MqttScenarios => ["accident", "camera-outage", "office-backlog", "flapping"];

    [Theory]
    [MemberData(nameof(MqttScenarios))]
    public async Task Every_message_the_scenario_emits_validates_against_the_contract_schemas(string name)
    {
        var harness = new ScenarioHarness();
        await harness.RunAsync(ScenarioCatalog.Find(name)!);

        Assert.NotEmpty(harness.Messages);
        ContractCheck.AssertAllValid(harness.Messages);
    }

    [Fact]
    public void Every_scenario_says_what_operators_should_see()
    {
        Assert.Equal(["accident", "camera-outage", "office-backlog", "citizen-reports", "flapping", "bad-input"], ScenarioCatalog.All.Select(s => s.Name));
        Assert.All(ScenarioCatalog.All, s => Assert.NotEmpty(s.OperatorsShouldSee));
    }

    [Fact]
    public async Task Accident_raises_a_critical_camera_event_and_collapses_speeds_on_the_road()
    {
        var harness = new ScenarioHarness();
        await harness.RunAsync(new AccidentScenario(), new ScenarioOptions(Road: "Lạch Tray"));

        var accident = Assert.Single(harness.Messages, m => m.Topic.EndsWith("/event", StringComparison.Ordinal) && Json(m).GetProperty("type").GetString() == "accident");
        Assert.Equal("critical", Json(accident).GetProperty("severity").GetString());
        var onRoad = harness.Messages.Where(m => m.Topic.StartsWith("ops/v1/traffic/tfd-lachtray-", StringComparison.Ordinal) && m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(Json).ToList();
        Assert.Contains(onRoad, r => r.GetProperty("averageVehicleSpeed").GetDouble() < 10 && r.GetProperty("congested").GetBoolean());
    }

    [Fact]
    public async Task Camera_outage_fires_the_last_will_of_every_camera_in_the_area()
    {
        var harness = new ScenarioHarness();
        await harness.RunAsync(new CameraOutageScenario(), new ScenarioOptions(Area: "lechan"));

        var cameras = TestCity.Demo.Devices.Where(d => d.Kind == "camera" && d.AreaId == "lechan").Select(d => d.Id).ToHashSet();
        var wills = harness.Broker.Delivered.Where(d => d.FromWill).Select(d => d.Message.DeviceId).ToHashSet();
        Assert.Equal(cameras.Order(), wills.Order());
        Assert.All(cameras, id => Assert.Equal("offline", Json(harness.Broker.Retained[$"ops/v1/camera/{id}/status"]).GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Office_backlog_grows_the_queue_and_accepts_cases_due_within_the_hour()
    {
        var harness = new ScenarioHarness();
        await harness.RunAsync(new OfficeBacklogScenario());

        var counter = harness.Messages.Where(m => m.Topic.StartsWith("ops/v1/counter/", StringComparison.Ordinal)).ToList();
        var waiting = counter.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(m => Json(m).GetProperty("waiting").GetInt64()).ToList();
        Assert.True(waiting[^1] >= waiting[0] + 10, $"waiting went {waiting[0]} → {waiting[^1]}");
        var cases = counter.Select(Json).Where(e => e.TryGetProperty("dueAt", out _)).ToList();
        Assert.NotEmpty(cases);
        Assert.All(cases, c => Assert.True(c.GetProperty("dueAt").GetDateTimeOffset() - c.GetProperty("ts").GetDateTimeOffset() <= TimeSpan.FromMinutes(46)));
    }

    [Fact]
    public async Task Flapping_devices_go_offline_through_their_last_will_every_cycle()
    {
        var harness = new ScenarioHarness();
        await harness.RunAsync(new FlappingScenario(), new ScenarioOptions(Count: 3));

        var wills = harness.Broker.Delivered.Where(d => d.FromWill).GroupBy(d => d.Message.DeviceId).ToList();
        Assert.Equal(3, wills.Count);
        Assert.All(wills, g => Assert.Equal(6, g.Count()));
    }

    [Fact]
    public async Task The_same_seed_replays_a_scenario_identically()
    {
        var first = new ScenarioHarness();
        var second = new ScenarioHarness();
        await first.RunAsync(new AccidentScenario(), seed: 5);
        await second.RunAsync(new AccidentScenario(), seed: 5);

        Assert.Equal(first.Messages.Select(m => m.Topic + Convert.ToBase64String(m.Payload)), second.Messages.Select(m => m.Topic + Convert.ToBase64String(m.Payload)));
    }

    private static JsonElement Json(Simulation.OutboundMessage message) => JsonDocument.Parse(message.Payload).RootElement.Clone();
}
