using System.Text;
using System.Text.Json;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class FleetModelTests
{
    private static FleetModel Model(DateTimeOffset start, int seed = 42, bool reboots = true, double skew = 0)
    {
        var settings = SimulationSettings.Create(seed, reboots, skew);
        return new FleetModel(DeviceFactory.CreateAll(TestCity.Demo, settings), settings, start);
    }

    /// <summary>Connect messages of every device, then everything the fleet sends until <paramref name="until"/>.</summary>
    private static List<OutboundMessage> Play(FleetModel model, DateTimeOffset until, TimeSpan? step = null)
    {
        var messages = model.Devices.SelectMany(d => d.ComposeConnect(model.Start) is var c ? new[] { c.Will, c.Online } : []).ToList();
        for (var t = model.Start; t < until;)
        {
            t = step is { } s ? (t + s < until ? t + s : until) : until;
            foreach (var output in model.AdvanceTo(t))
                messages.AddRange(output.Reboot is { } r ? [r.Will, r.Online] : [output.Message!]);
        }
        return messages;
    }

    [Fact]
    public void A_weekday_morning_of_the_whole_fleet_validates_against_the_contract_schemas()
    {
        // 06:30–12:30 covers night-to-day, the morning rush, office opening and the lunch break.
        var start = TestCity.MondayMorning.AddMinutes(30);
        var messages = Play(Model(start), start.AddHours(6));

        Assert.True(messages.Count > 30_000, $"only {messages.Count} messages");
        Assert.Contains(messages, m => m.Topic.EndsWith("/event", StringComparison.Ordinal) && m.Topic.Contains("/camera/", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Topic.EndsWith("/event", StringComparison.Ordinal) && m.Topic.Contains("/counter/", StringComparison.Ordinal));
        ContractCheck.AssertAllValid(messages);
    }

    [Fact]
    public void Every_counter_event_type_appears_in_a_working_day_and_validates()
    {
        var messages = Play(Model(TestCity.MondayMorning), TestCity.MondayMorning.AddHours(12))
            .Where(m => m.Topic.StartsWith("ops/v1/counter/", StringComparison.Ordinal)).ToList();

        var types = messages.Where(m => m.Topic.EndsWith("/event", StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString()).ToHashSet();
        Assert.Equal(["caseReceived", "caseResolved", "rating", "ticketCalled", "ticketIssued", "ticketNoShow", "ticketServed"], types.Order());
        ContractCheck.AssertAllValid(messages);
    }

    [Fact]
    public void The_same_seed_gives_the_same_messages_however_the_clock_is_stepped()
    {
        var start = TestCity.MondayMorning;
        var inOneGo = Play(Model(start, seed: 7), start.AddHours(2));
        var inSteps = Play(Model(start, seed: 7), start.AddHours(2), step: TimeSpan.FromSeconds(13));

        Assert.Equal(inOneGo.Count, inSteps.Count);
        Assert.True(inOneGo.Zip(inSteps).All(p => p.First.Topic == p.Second.Topic && p.First.Payload.AsSpan().SequenceEqual(p.Second.Payload)));
    }

    [Fact]
    public void A_different_seed_gives_different_messages()
    {
        var start = TestCity.MondayMorning;
        var a = Play(Model(start, seed: 1), start.AddMinutes(10)).Select(m => Encoding.UTF8.GetString(m.Payload));
        var b = Play(Model(start, seed: 2), start.AddMinutes(10)).Select(m => Encoding.UTF8.GetString(m.Payload));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Seq_rises_by_one_per_message_on_any_channel_and_restarts_at_zero_after_a_reboot()
    {
        var messages = Play(Model(TestCity.MondayMorning), TestCity.MondayMorning.AddDays(2));
        var reboots = 0;
        foreach (var device in messages.GroupBy(m => m.DeviceId))
        {
            var previous = -1L;
            foreach (var message in device)
            {
                var seq = JsonDocument.Parse(message.Payload).RootElement.GetProperty("seq").GetInt64();
                if (seq == 0 && previous >= 0)
                    reboots++;
                else
                    Assert.Equal(previous + 1, seq);
                previous = seq;
            }
        }
        Assert.True(reboots > 0, "expected some simulated reboots in two days of 72 devices");
    }

    [Fact]
    public void Clock_skew_shifts_each_device_by_a_fixed_amount_within_the_limit()
    {
        var start = TestCity.MondayMorning;
        var model = Model(start, skew: 30, reboots: false);
        var offsets = model.AdvanceTo(start.AddMinutes(5))
            .Where(o => o.Message is { } m && m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(o => (o.DeviceId, Offset: JsonDocument.Parse(o.Message!.Payload).RootElement.GetProperty("ts").GetDateTimeOffset() - o.At))
            .GroupBy(x => x.DeviceId)
            .Select(g => g.Select(x => Math.Round(x.Offset.TotalSeconds, 1)).Distinct().ToList())
            .ToList();

        Assert.All(offsets, o => Assert.Single(o));
        Assert.All(offsets, o => Assert.InRange(o[0], -30, 30));
        Assert.True(offsets.Select(o => o[0]).Distinct().Count() > 10);
    }
}
