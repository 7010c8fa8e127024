using System.Buffers;
using System.Text;
using System.Text.Json;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;

namespace OpsCenter.Contracts.Tests;

/// <summary>Ingest's fast writer must put on the wire exactly what the Server's generated serializer expects.</summary>
public class StoredBatchWriterTests
{
    private static readonly double[] Numbers =
    [
        0, -0.0, 1, 60, -3, 0.42, 28.5, 1e-7, 123456789.125, 9007199254740992d, -9007199254740992d, 9007199254740994d,
        1e300, -1e300, double.Epsilon, long.MaxValue, 4.999999999999999, 1.0 / 3, 1e14, 1e15, -1e15, 123456789012345, 1234567890123456, 1e16,
    ];

    private static readonly string[] Texts = ["open", "Đang xử lý hồ sơ", "quote \" and \\ backslash", "<script>&'", "tab\tnew\nline", "😀 emoji", "\u0001"];

    [Fact]
    public void Writes_the_bytes_the_generated_serializer_writes_for_every_shape_of_reading()
    {
        var random = new Random(20261202);
        for (var batch = 0; batch < 200; batch++)
        {
            var readings = Enumerable.Range(0, random.Next(0, 12)).Select(_ => Reading(random)).ToList();

            var expected = JsonSerializer.SerializeToUtf8Bytes(new StoredBatch(readings), IngestionJsonContext.Default.StoredBatch);
            var written = new ArrayBufferWriter<byte>();
            StoredBatchWriter.Write(written, readings);

            Assert.True(expected.AsSpan().SequenceEqual(written.WrittenSpan),
                $"batch {batch}:\nserializer {Encoding.UTF8.GetString(expected)}\nwriter     {Encoding.UTF8.GetString(written.WrittenSpan)}");
        }
    }

    [Fact]
    public void Whole_numbers_read_back_as_the_same_doubles()
    {
        var reading = WithMaps(new Random(1)) with { Numbers = Numbers.Select((n, i) => ($"n{i}", n)).ToDictionary() };
        var written = new ArrayBufferWriter<byte>();

        StoredBatchWriter.Write(written, [reading]);

        var back = JsonSerializer.Deserialize(written.WrittenSpan, IngestionJsonContext.Default.StoredBatch)!.Readings.Single();
        Assert.Equal(reading.Numbers.Values.Select(BitConverter.DoubleToInt64Bits), back.Numbers.Values.Select(BitConverter.DoubleToInt64Bits));
    }

    private static readonly ReadingLayout Layout = new(["n0", "n1", "khóa \"đặc biệt\"", "n3"], ["f0", "f1"], ["t0", "t1", "t2"]);

    private static StoredReading Reading(Random random) => random.Next(2) == 0 ? WithMaps(random) : Compact(random);

    /// <summary>As Ingest's validator makes them: values by slot, no maps.</summary>
    private static StoredReading Compact(Random random)
    {
        var values = new ReadingValues(Layout);
        for (var slot = 0; slot < Layout.Numbers.Length; slot++)
        {
            if (random.Next(2) == 0)
                values.SetNumber(slot, Numbers[random.Next(Numbers.Length)]);
        }
        for (var slot = 0; slot < Layout.Flags.Length; slot++)
        {
            if (random.Next(2) == 0)
                values.SetFlag(slot, random.Next(2) == 0);
        }
        for (var slot = 0; slot < Layout.Texts.Length; slot++)
        {
            if (random.Next(3) == 0)
                values.SetText(slot, Texts[random.Next(Texts.Length)]);
        }
        return WithMaps(random) with { Numbers = null, Flags = null, Texts = null, Values = values };
    }

    private static StoredReading WithMaps(Random random)
    {
        var kinds = Enum.GetValues<DeviceKind>();
        var channels = Enum.GetValues<DeviceChannel>();
        return new StoredReading
        {
            DeviceId = $"dev-{random.Next(1000)}",
            Kind = kinds[random.Next(kinds.Length)],
            Channel = channels[random.Next(channels.Length)],
            EventType = random.Next(3) == 0 ? "accident" : null,
            Ts = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.FromHours(random.Next(3) * 7)).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay)),
            Seq = random.NextInt64(),
            Late = random.Next(2) == 0,
            Numbers = Map(random, i => Numbers[random.Next(Numbers.Length)]),
            Flags = Map(random, i => random.Next(2) == 0),
            Texts = Map(random, i => Texts[random.Next(Texts.Length)]),
        };
    }

    /// <summary>No map, an empty one, or a few entries (keys with characters the writer must escape, too).</summary>
    private static Dictionary<string, T>? Map<T>(Random random, Func<int, T> value) => random.Next(4) switch
    {
        0 => null,
        1 => [],
        _ => Enumerable.Range(0, random.Next(1, 6)).ToDictionary(i => i == 4 ? "khóa \"đặc biệt\"" : $"field{i}", value),
    };
}
