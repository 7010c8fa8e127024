using System.Text.Json;
using MQTTnet;
using Npgsql;
using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Server.Leaders.Rollups;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// Through the running Server: a reading Ingest announces as stored, three hours after its time, reaches the Server over
/// the broker and its hour is marked in PostgreSQL for the rollup job; a reading of the current hour is not.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LateReadingMarksTests(ServerFixture server)
{
    [Fact]
    public async Task A_stored_reading_from_hours_ago_marks_its_hour_in_PostgreSQL()
    {
        var now = DateTimeOffset.UtcNow;
        var late = now.AddHours(-3);
        await using var ingest = await MqttProbe.ConnectAsync(server.BrokerPort, "opscenter-ingest-rollup-marks", ServiceAccounts.Ingest,
            server.ServiceSecret(ServiceAccounts.Ingest));
        var device = server.City.Devices.First(d => d.Kind == "traffic").Id;
        var batch = new StoredBatch(
        [
            Reading(device, late, 1),
            Reading(device, now, 2),
        ]);
        Assert.Equal(MqttClientPublishReasonCode.Success,
            await ingest.PublishAsync(InternalTopics.Stored(DeviceKind.Traffic), JsonSerializer.Serialize(batch, IngestionJsonContext.Default.StoredBatch)));

        await using var dataSource = NpgsqlDataSource.Create(server.Postgres.ConnectionString);
        var marks = new TouchedHourStore(dataSource);
        var hours = await Eventually.Get(
            async () => (await marks.ReadAsync(now.AddDays(-1), now.AddHours(1), CancellationToken.None)).Select(m => m.Hour).ToList(),
            h => h.Contains(HourClock.HourOf(late)), TimeSpan.FromSeconds(30), "the late reading's hour to be marked");
        Assert.DoesNotContain(HourClock.HourOf(now), hours);
    }

    private static StoredReading Reading(string device, DateTimeOffset ts, long seq) => new()
    {
        DeviceId = device, Kind = DeviceKind.Traffic, Channel = DeviceChannel.Telemetry, Ts = ts, Seq = seq, Late = ts < DateTimeOffset.UtcNow.AddMinutes(-5),
        Numbers = new() { ["laneId"] = 1, ["averageVehicleSpeed"] = 40, ["occupancy"] = 0.1, ["intensity"] = 5, ["periodSeconds"] = 60 },
    };
}
