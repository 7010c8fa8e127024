using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Ingest;

/// <summary>Settings section <c>Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Folder for the on-disk buffer that holds messages while InfluxDB is unreachable.</summary>
    [Required(ErrorMessage = "Ingest:DataPath is required: the folder for the on-disk buffer.")]
    public string DataPath { get; set; } = "data/ingest";

    /// <summary>
    /// MQTT 5 shared-subscription group. Set it when several Ingest instances share one external broker:
    /// each message then goes to one of them (<c>$share/{group}/ops/v1/#</c>).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Ingest:SharedGroup must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string? SharedGroup { get; set; }

    [Range(1, 50_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// Reads the broker's stream through a 64 KiB buffer (<c>ReadBufferedStream</c>: one system call per 64 KiB instead
    /// of three per message, about 8 µs of CPU per message less; docs/benchmarks.md). It was off for a while because
    /// Ingest stopped consuming after broker kills with it on; the cause was an acknowledgement thrown from MQTTnet's call
    /// itself ending the processing loop, which larger, faster batches only made likelier (docs/operations.md).
    /// </summary>
    public bool BufferedReads { get; set; } = true;

    /// <summary>
    /// How long a batch's first message may wait for the batch to fill, counted from its receipt (see
    /// <c>Mqtt.BatchWindow</c>); bounds the publish→durable latency at low rates.
    /// </summary>
    [Range(1, 1_000)]
    public int BatchDelayMilliseconds { get; set; } = 20;

    /// <summary>
    /// How long a batch may wait for InfluxDB before it is put in the disk buffer instead (bounds publish→durable when
    /// InfluxDB stalls).
    /// </summary>
    [Range(5, 60_000)]
    public int WriteBudgetMilliseconds { get; set; } = 50;

    /// <summary>When the buffer reaches this size Ingest stops acknowledging, so the broker holds the rest.</summary>
    [Range(1_000_000, 1_000_000_000_000)]
    public long BufferMaxBytes { get; set; } = 2_000_000_000;

    /// <summary>Accept messages from devices missing from the registry, adding them as they appear.</summary>
    public bool AutoRegister { get; set; }

    /// <summary>Older than this (but within 7 days) a reading is marked late, so rollups fold it into its own period.</summary>
    [Range(1, 86_400)]
    public int LateAfterSeconds { get; set; } = 120;

    /// <summary>How many rejections per second a device may cause before its messages are dropped unparsed.</summary>
    [Range(1, 100_000)]
    public int RejectsPerSecondPerDevice { get; set; } = 20;

    [Range(100, 1_000_000)]
    public int DeadLetterCapacity { get; set; } = 10_000;
}
