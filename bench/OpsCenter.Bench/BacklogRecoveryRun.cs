using System.Globalization;
using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench;

/// <summary>
/// The <c>backlog</c> mode: how fast a consumer catches up after an outage, as a function of how much the broker held
/// for it. The bare subscriber (Ingest's session and acknowledgement mode) is frozen, the broker takes a backlog of
/// 1×, 3× and 9× <c>--messages / 9</c>, the subscriber is let go; per size, the drain rate and the broker's CPU per
/// message while it drained, and beside it the same backlog drained by mosquitto's C client (<see cref="CClientDrain"/>),
/// the floor for a client's own cost. An on-call engineer's question after an Ingest restart: does the backlog drain faster than
/// devices add to it, and does that stay true for a longer outage?
/// </summary>
internal static class BacklogRecoveryRun
{
    private const long SeqOffset = 2_000_000;

    public static async Task<IReadOnlyList<string>> RunAsync(BenchOptions options)
    {
        var report = new List<string>();
        var unit = Math.Max(1_000, options.Messages / 9);
        foreach (var kind in options.Brokers)
        {
            foreach (var size in new[] { unit, unit * 3, unit * 9 })
            {
                var line = await MeasureAsync(kind, size);
                Console.WriteLine($"  {line}");
                report.Add(line);
            }
        }
        return report;
    }

    /// <summary>The same backlog drained by mosquitto's C client, on a broker of its own (the bare subscriber's session would take a copy).</summary>
    private static async Task<DrainResult> CClientAsync(string kind, IReadOnlyList<string> devices, int size)
    {
        await using var broker = await BrokerUnderTest.StartAsync(kind);
        return await CClientDrain.MeasureAsync(broker, devices, size, SeqOffset);
    }

    private static async Task<string> MeasureAsync(string kind, int size)
    {
        var load = Live.ProcessCpu.LoadAverage();
        var devices = IngestRig.DetectorIds(20);
        var logs = Directory.CreateTempSubdirectory("opscenter-bench-backlog-").FullName;
        try
        {
            await using var broker = await BrokerUnderTest.StartAsync(kind);
            await using var subscriber = await BareSubscriber.StartAsync(broker, "bench-backlog-subscriber", logs);
            await BrokerOnlyRun.WarmUpAsync(broker, subscriber, devices, Math.Min(size, 20_000));
            var brokerPid = broker.Pid ?? throw new InvalidOperationException("the broker has no process to measure");
            TimeSpan brokerCpuBefore = default;
            var brokerMegabytesBefore = ResidentMemory.Megabytes(brokerPid);
            var brokerMegabytesHolding = 0.0;
            var target = subscriber.Acked + size;
            var drain = await BacklogDrain.MeasureAsync(subscriber.Pid, broker, devices, size, SeqOffset,
                () => subscriber.WaitAckedAsync(target, TimeSpan.FromMinutes(10)),
                onResume: () =>
                {
                    brokerCpuBefore = Live.ProcessCpu.Used(brokerPid);
                    brokerMegabytesHolding = ResidentMemory.Megabytes(brokerPid);
                });
            var brokerCpu = Live.ProcessCpu.Used(brokerPid) - brokerCpuBefore;
            var cClient = await CClientAsync(kind, devices, size);
            return string.Create(CultureInfo.InvariantCulture,
                $"{kind} backlog of {size:N0}: drained in {drain.Elapsed.TotalSeconds:N1} s = {drain.MessagesPerSecond:N0} msg/s; broker RSS {brokerMegabytesBefore:N0} → {brokerMegabytesHolding:N0} MB holding it ({(brokerMegabytesHolding - brokerMegabytesBefore) * 1024 * 1024 / size:N0} B/msg); broker CPU {brokerCpu.TotalMicroseconds / size:N1} µs/msg, subscriber {drain.CpuMicrosPerMessage:N1} µs/msg; " +
                $"the C client (mosquitto_sub) on a fresh broker: {cClient.MessagesPerSecond:N0} msg/s, {cClient.CpuMicrosPerMessage:N1} µs/msg (load before: {load})");
        }
        catch (TimeoutException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{kind} backlog of {size:N0}: NOT DRAINED within 10 minutes (load before: {load})");
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }
}
