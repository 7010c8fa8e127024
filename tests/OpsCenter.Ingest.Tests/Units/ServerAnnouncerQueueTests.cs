using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Ingest.Mqtt;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Ingest.Tests.Units;

/// <summary>What waits for the Server while the announcer is behind (here: not running at all).</summary>
public sealed class ServerAnnouncerQueueTests
{
    [Fact]
    public void Many_small_batches_all_wait_for_the_announcer_instead_of_giving_way_after_a_few()
    {
        using var announcer = NewAnnouncer();

        // A second of traffic at 10,000 msg/s comes as ~50 small batches.
        for (var batch = 0; batch < 50; batch++)
            announcer.Stored(Readings(200, batch * 200));

        Assert.Equal(10_000, announcer.WaitingReadings);
    }

    [Fact]
    public void Past_the_limit_the_oldest_batches_give_way_and_the_waiting_readings_stay_bounded()
    {
        using var announcer = NewAnnouncer();

        for (var batch = 0; batch < 30; batch++)
            announcer.Stored(Readings(5_000, batch * 5_000));

        Assert.Equal(50_000, announcer.WaitingReadings);
    }

    private static ServerAnnouncer NewAnnouncer() =>
        new(Options.Create(new MqttConnectionOptions { ClientId = "announcer-test" }), TimeProvider.System, NullLogger<ServerAnnouncer>.Instance);

    private static List<StoredReading> Readings(int count, int firstSeq) =>
        [.. Enumerable.Range(firstSeq, count).Select(seq => new StoredReading
        {
            DeviceId = "tfd-1", Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = DateTimeOffset.UnixEpoch, Seq = seq,
        })];
}
