using System.Text;
using Microsoft.Extensions.Options;
using OpsCenter.Ingest.DeadLetters;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class DeadLetterStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_only_the_newest_entries_up_to_its_capacity_newest_first()
    {
        var store = new DeadLetterStore(Options.Create(new IngestOptions { DeadLetterCapacity = 100 }));
        for (var i = 0; i < 250; i++)
            store.Add(T0.AddSeconds(i), $"ops/v1/camera/c{i}/telemetry", $"c{i}", "notJson", "x", "{"u8);

        var all = store.List(limit: 1000);
        Assert.Equal(100, all.Count);
        Assert.Equal("c249", all[0].DeviceId);
        Assert.Equal("c150", all[^1].DeviceId);
    }

    [Fact]
    public void Filters_by_reason_device_and_topic_prefix()
    {
        var store = new DeadLetterStore(Options.Create(new IngestOptions { DeadLetterCapacity = 100 }));
        store.Add(T0, "ops/v1/camera/a/telemetry", "a", "notJson", "x", "1"u8);
        store.Add(T0, "ops/v1/traffic/b/telemetry", "b", "outOfRange", "x", "2"u8);
        store.Add(T0, "ops/v1/traffic/a/event", "a", "topic", "x", "3"u8);

        Assert.Equal(["b"], store.List(reason: "outOfRange").Select(l => l.DeviceId));
        Assert.Equal(2, store.List(deviceId: "a").Count);
        Assert.Equal(2, store.List(topicPrefix: "ops/v1/traffic/").Count);
    }

    [Fact]
    public void Keeps_the_first_512_bytes_and_the_full_length()
    {
        var store = new DeadLetterStore(Options.Create(new IngestOptions { DeadLetterCapacity = 100 }));
        var payload = Encoding.UTF8.GetBytes(new string('x', 5000));
        store.Add(T0, "t", null, "tooLarge", "x", payload, payload.Length);
        var letter = Assert.Single(store.List());
        Assert.Equal(512, Convert.FromBase64String(letter.PayloadPrefixBase64).Length);
        Assert.Equal(5000, letter.PayloadLength);
    }
}
