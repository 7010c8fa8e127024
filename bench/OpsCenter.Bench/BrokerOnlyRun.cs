using System.Diagnostics;
using OpsCenter.Bench.Measuring;

namespace OpsCenter.Bench;

/// <summary>What the broker-only run gives: the ceiling rate and what the bare subscriber paid per message meanwhile.</summary>
public sealed record BrokerOnlyResult(double MessagesPerSecond, double SubscriberCpuMicrosPerMessage, IReadOnlyDictionary<string, TimeSpan> Cpu, TimeSpan Elapsed);

/// <summary>
/// The ceiling: the broker's own publish→subscribe rate at QoS 1 with the bare subscriber (its own process, Ingest's
/// session and acknowledgement mode, no ingest work behind it), the same publisher and messages as the ingest run;
/// timed until the subscriber has acknowledged every message.
/// </summary>
public static class BrokerOnlyRun
{
    /// <summary>As <see cref="IngestRuns.WarmUpAsync"/> for Ingest: the same messages through the bare subscriber first, not measured.</summary>
    public static async Task WarmUpAsync(BrokerUnderTest broker, BareSubscriber subscriber, IReadOnlyList<string> devices, int count)
    {
        var target = subscriber.Acked + count;
        await new LoadPublisher(broker.Port, devices).RunAsync(count);
        await subscriber.WaitAckedAsync(target, TimeSpan.FromMinutes(5));
    }

    public static async Task<BrokerOnlyResult> MeasureAsync(BrokerUnderTest broker, BareSubscriber subscriber, IReadOnlyList<string> devices, int count)
    {
        var target = subscriber.Acked + count;
        var cpu = CpuWindow.Start([("subscriber", subscriber.Pid), .. broker.Processes()]);
        var started = Stopwatch.GetTimestamp();
        await new LoadPublisher(broker.Port, devices).RunAsync(count);
        await subscriber.WaitAckedAsync(target, TimeSpan.FromMinutes(5));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var used = cpu.Stop();
        return new BrokerOnlyResult(count / elapsed.TotalSeconds, used["subscriber"].TotalMicroseconds / count, used, elapsed);
    }
}
