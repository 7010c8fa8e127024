using OpsCenter.Contracts.Inventory;
using OpsCenter.Simulators.Backfill;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Tests.Support;
using OpsCenter.Simulators.Transport;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests;

public sealed class BackfillTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task A_day_of_history_validates_and_lies_within_the_accepted_window()
    {
        // Two devices of each kind keep a full day quick to check message by message.
        var inventory = TestCity.Demo with
        {
            Devices = [.. TestCity.Demo.Devices.GroupBy(d => d.Kind).SelectMany(g => g.Take(2))],
        };
        var broker = new InMemoryBroker();
        var stats = new RunStats();
        await Backfill(inventory, broker, stats, days: 1);

        var messages = broker.Delivered.Select(d => d.Message).ToList();
        Assert.True(messages.Count > 5_000);
        Assert.Equal(stats.Sent, messages.Count);
        Assert.DoesNotContain(messages, m => m.Retain);
        ContractCheck.AssertAllValid(messages, _ => Now);
    }

    [Fact]
    public void More_than_seven_days_is_capped_inside_the_contract_window()
    {
        var start = BackfillRunner.StartFor(10, Now);

        Assert.True(start > Now - TimeSpan.FromDays(7));
        Assert.True(start < Now - TimeSpan.FromDays(6.9));
        Assert.Equal(Now - TimeSpan.FromDays(2), BackfillRunner.StartFor(2, Now));
    }

    private static async Task Backfill(CityInventory inventory, InMemoryBroker sink, RunStats stats, int days)
    {
        var settings = SimulationSettings.Create(reboots: false);
        var model = new FleetModel(DeviceFactory.CreateAll(inventory, settings), settings, BackfillRunner.StartFor(days, Now));
        await new BackfillRunner(model, sink, stats, ratePerSecond: 1e9).RunAsync(Now, TestContext.Current.CancellationToken);
    }
}
