using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.Bench.Measuring;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Bench;

public sealed record ThroughputResult(double MessagesPerSecond, long Sent, long Stored, IReadOnlyDictionary<string, TimeSpan> Cpu, TimeSpan Elapsed)
{
    /// <summary>Ingest's CPU time over the run divided by the messages: its cost per message while live traffic arrives.</summary>
    public double IngestCpuMicrosPerMessage => Cpu[IngestRig.ProcessName].TotalMicroseconds / Sent;
}

/// <param name="TailPublishedAt">When the slowest 1 % were published, from the first publish: one stall or a spread.</param>
/// <param name="BenchGcPauseMs">The bench process's own GC pauses meanwhile (it publishes and stamps arrivals).</param>
/// <param name="BenchLongestStallMs">The longest the bench process went without running a 5 ms ticker.</param>
public sealed record LatencyResult(double RatePerSecond, int Samples, double P50Ms, double P99Ms, double MaxMs, string TailPublishedAt = "",
    double BenchGcPauseMs = 0, double BenchLongestStallMs = 0);

/// <summary>End-to-end measurements through a real Ingest: MQTT → validated → InfluxDB.</summary>
public static class IngestRuns
{
    // Distinguishes the latency run's messages from announcements still arriving for earlier runs; its seq mod 10⁶
    // (part of the point's timestamp) is clear of the throughput (0…) and backlog (500,000…) runs' too.
    private const long LatencySeqOffset = 1_000_600_000;

    private const long ThroughputWarmUpSeqOffset = 800_000;

    /// <summary>Messages sent before a throughput run (and before the broker-only run's, see <see cref="BrokerOnlyRun"/>).</summary>
    public static int WarmUpCount(int messages) => Math.Min(messages, 20_000);

    /// <summary>
    /// Before the throughput run, the same publisher through the same path, not measured: the first seconds of a fresh
    /// process are the JIT's (a profile of a cold live run: 29 % of Ingest's samples in the JIT and more in tier-0 code),
    /// which says how fast Ingest starts, not how fast it runs. The bare subscriber is warmed up the same way.
    /// </summary>
    public static async Task WarmUpAsync(BrokerUnderTest broker, IngestRig rig, int count)
    {
        var before = await rig.StoredAsync();
        await new LoadPublisher(broker.Port, rig.Detectors).RunAsync(count, seqOffset: ThroughputWarmUpSeqOffset);
        await rig.WaitUntilStoredAsync(before + count, TimeSpan.FromMinutes(5));
    }

    /// <summary>Sustained rate: publish as fast as the broker takes them, until every point is in InfluxDB.</summary>
    public static async Task<ThroughputResult> ThroughputAsync(BrokerUnderTest broker, IngestRig rig, int count)
    {
        var publisher = new LoadPublisher(broker.Port, rig.Detectors);
        var before = await rig.StoredAsync();
        var cpu = CpuWindow.Start([.. rig.Processes(), .. broker.Processes()]);
        var started = Stopwatch.GetTimestamp();
        await publisher.RunAsync(count);
        var stored = await rig.WaitUntilStoredAsync(before + count, TimeSpan.FromMinutes(10)) - before;
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new ThroughputResult(count / elapsed.TotalSeconds, count, stored, cpu.Stop(), elapsed);
    }

    /// <summary>
    /// Publish → durable: paced publishing; Ingest announces each batch on <c>opscenter/v1/stored/traffic</c> right after
    /// it is written or buffered, so the time from publish to that announcement bounds publish → durable from above.
    /// </summary>
    public static async Task<LatencyResult> LatencyAsync(BrokerUnderTest broker, IngestRig rig, int count, double rate)
    {
        var durableAt = new long[count];
        var announcedCount = 0;
        var allAnnounced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each announcement is stamped as it arrives and parsed on another task: parsing one batch in the handler would
        // hold MQTTnet's delivery of the next and add the bench's own time to its latency.
        var arrived = System.Threading.Channels.Channel.CreateUnbounded<(long At, byte[] Payload)>();
        var parsing = Task.Run(async () =>
        {
            await foreach (var (at, payload) in arrived.Reader.ReadAllAsync())
            {
                var batch = JsonSerializer.Deserialize<StoredBatch>(payload, JsonSerializerOptions.Web);
                foreach (var reading in batch?.Readings ?? [])
                {
                    var i = reading.Seq - LatencySeqOffset;
                    if (i >= 0 && i < count && Interlocked.Exchange(ref durableAt[i], at) == 0 && Interlocked.Increment(ref announcedCount) == count)
                        allAnnounced.TrySetResult();
                }
            }
        });
        using var listener = new MqttClientFactory().CreateMqttClient();
        var heard = 0L;
        listener.ApplicationMessageReceivedAsync += e =>
        {
            Interlocked.Increment(ref heard);
            arrived.Writer.TryWrite((Stopwatch.GetTimestamp(), e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-latency")
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).BuildWithSocketBuffers());
        await listener.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(InternalTopics.StoredFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());

        // Announcements of earlier runs still on their way (a throughput run leaves a queue of large ones) would make
        // this run's wait behind them, and overflow Ingest's outbox: start once none has come for half a second.
        await QuietAsync(() => Volatile.Read(ref heard), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

        // The bench's own hiccups (its GC, the scheduler) land in the figures too: measured, so the report can say so.
        var pauseBefore = GC.GetTotalPauseDuration();
        using var watchdog = new StallWatch();
        var publisher = PacedPublisher(broker.Port, rig.Detectors);
        await publisher.RunAsync(count, rate, LatencySeqOffset);
        // Announcements may be dropped under overload (Ingest's outbox gives way); then report what arrived, once
        // nothing new has come for 5 s (at most 2 min).
        await QuietAsync(() => Volatile.Read(ref announcedCount), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), allAnnounced.Task);
        await listener.DisconnectAsync();
        arrived.Writer.TryComplete();
        await parsing;

        var announced = durableAt.Count(t => t != 0);
        var samples = Enumerable.Range(0, count).Where(i => durableAt[i] != 0)
            .Select(i => (Sent: i, Ms: Stopwatch.GetElapsedTime(publisher.SentAtTicks[i], durableAt[i]).TotalMilliseconds)).OrderBy(s => s.Ms).ToArray();
        if (samples.Length == 0)
            throw new InvalidOperationException("no stored announcements were received");
        var latencies = samples.Select(s => s.Ms).ToArray();
        // When the slowest 1 % were published, in seconds from the first publish: one stall or a spread.
        var first = publisher.SentAtTicks[0];
        var tail = samples[(int)(samples.Length * 0.99)..].Select(s => Stopwatch.GetElapsedTime(first, publisher.SentAtTicks[s.Sent]).TotalSeconds).ToArray();
        if (Environment.GetEnvironmentVariable("BENCH_LATENCY_TRACE") is not null)
            TracePerSecond(publisher.SentAtTicks, durableAt);
        var tailAt = tail.Length == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tail.Min():N1}–{tail.Max():N1} s");
        return new LatencyResult(rate, announced, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1], tailAt,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds, watchdog.LongestGapMs);
    }

    /// <summary>
    /// The paced publisher: 4 connections × 64 in flight, or BENCH_PUBLISHER_CONNECTIONS connections sharing the same 256
    /// in flight. Devices publish on a connection each; the few busy connections of a load generator make a broker
    /// that serves each connection's packets one after another (MQTTnet) look slower than a fleet would find it.
    /// </summary>
    private static LoadPublisher PacedPublisher(int port, IReadOnlyList<string> devices) =>
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_PUBLISHER_CONNECTIONS"), out var connections) && connections is > 0 and <= 1_000
            ? new LoadPublisher(port, devices, connections, Math.Max(1, 256 / connections))
            : new LoadPublisher(port, devices);

    /// <summary>
    /// Returns once the counter has not moved for <paramref name="quiet"/>, once <paramref name="done"/> completes, or
    /// after <paramref name="limit"/>.
    /// </summary>
    private static async Task QuietAsync(Func<long> counter, TimeSpan quiet, TimeSpan limit, Task? done = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var seen = -1L;
        while (done is not { IsCompleted: true } && counter() != seen && Stopwatch.GetTimestamp() < deadline)
        {
            seen = counter();
            await (done is null ? Task.Delay(quiet) : Task.WhenAny(done, Task.Delay(quiet)));
        }
    }

    /// <summary>Per second of publishing: how many of its messages were announced, and the slowest of them.</summary>
    private static void TracePerSecond(long[] sentAt, long[] durableAt)
    {
        foreach (var second in Enumerable.Range(0, sentAt.Length).GroupBy(i => (int)Stopwatch.GetElapsedTime(sentAt[0], sentAt[i]).TotalSeconds))
        {
            var done = second.Where(i => durableAt[i] != 0).Select(i => Stopwatch.GetElapsedTime(sentAt[i], durableAt[i]).TotalMilliseconds).ToArray();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"    second {second.Key}: {done.Length}/{second.Count()} announced, slowest {(done.Length == 0 ? 0 : done.Max()):N0} ms"));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
