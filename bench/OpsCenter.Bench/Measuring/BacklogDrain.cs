using System.Diagnostics;
using OpsCenter.Bench.Live;

namespace OpsCenter.Bench.Measuring;

/// <summary>A consumer's CPU per message and rate while it drains a backlog the broker held for its session.</summary>
public sealed record DrainResult(int Messages, TimeSpan Cpu, TimeSpan Elapsed)
{
    public double CpuMicrosPerMessage => Cpu.TotalMicroseconds / Messages;
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
}

/// <summary>
/// The same backlog for the bare subscriber and for Ingest: the consumer is frozen (SIGSTOP) with its persistent
/// session open, the publisher puts <c>count</c> QoS 1 messages into the broker, the consumer is let go (SIGCONT), and
/// its CPU time from /proc is read from then until <c>drained</c> says every message is done. Nothing else runs
/// meanwhile, so the figure is the consumer's own cost, not a share of a contended run.
/// </summary>
public static class BacklogDrain
{
    public static async Task<DrainResult> MeasureAsync(int consumerPid, BrokerUnderTest broker, IReadOnlyList<string> devices, int count, long seqOffset,
        Func<Task> drained, Action? onResume = null)
    {
        TimeSpan cpuBefore;
        long started;
        await ProcessControl.SuspendAsync(consumerPid);
        try
        {
            await new LoadPublisher(broker.Port, devices).RunAsync(count, seqOffset: seqOffset);
        }
        finally
        {
            cpuBefore = ProcessCpu.Used(consumerPid);
            started = Stopwatch.GetTimestamp();
            onResume?.Invoke();
            await ProcessControl.ResumeAsync(consumerPid);
        }
        await drained();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new DrainResult(count, ProcessCpu.Used(consumerPid) - cpuBefore, elapsed);
    }
}
