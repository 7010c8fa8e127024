using System.Diagnostics;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// A thread that wakes every 5 ms and keeps the longest gap between two wake-ups: how long this process was kept from
/// running (its own GC, or the scheduler giving the cores to others). Stops when disposed.
/// </summary>
public sealed class StallWatch : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _longestTicks;

    public StallWatch()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "stall watch" };
        _thread.Start();
    }

    public double LongestGapMs => TimeSpan.FromSeconds((double)Interlocked.Read(ref _longestTicks) / Stopwatch.Frequency).TotalMilliseconds;

    private void Run()
    {
        var last = Stopwatch.GetTimestamp();
        while (!_stop)
        {
            // The sleep is the instrument: a wake-up much later than 5 ms means this process was not running.
            Thread.Sleep(5);
            var now = Stopwatch.GetTimestamp();
            if (now - last > Interlocked.Read(ref _longestTicks))
                Interlocked.Exchange(ref _longestTicks, now - last);
            last = now;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
