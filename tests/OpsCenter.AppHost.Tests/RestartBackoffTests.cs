namespace OpsCenter.AppHost.Tests;

public sealed class RestartBackoffTests
{
    private static readonly TimeSpan Crashed = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Default_waits_1_2_4_8_16_seconds_then_gives_up()
    {
        var backoff = RestartBackoff.Default;
        var delays = new List<TimeSpan>();
        var restarts = 0;
        while (backoff.Next(restarts, Crashed) is { } attempt)
        {
            Assert.Equal(restarts + 1, attempt.Number);
            delays.Add(attempt.Delay);
            restarts = attempt.Number;
        }

        Assert.Equal([1, 2, 4, 8, 16], delays.Select(delay => delay.TotalSeconds));
        Assert.Equal(5, backoff.MaxRestarts);
    }

    [Fact]
    public void A_child_that_ran_healthy_long_starts_a_fresh_series()
    {
        var backoff = new RestartBackoff([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], healthyAfter: TimeSpan.FromMinutes(1));

        Assert.Equal(new RestartAttempt(1, TimeSpan.FromSeconds(1)), backoff.Next(restartsInARow: 2, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_child_that_crashed_early_continues_the_series()
    {
        var backoff = new RestartBackoff([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], healthyAfter: TimeSpan.FromMinutes(1));

        Assert.Equal(new RestartAttempt(2, TimeSpan.FromSeconds(2)), backoff.Next(restartsInARow: 1, TimeSpan.FromSeconds(59)));
        Assert.Null(backoff.Next(restartsInARow: 2, TimeSpan.FromSeconds(59)));
    }

    [Fact]
    public void Without_delays_a_crash_is_never_restarted()
    {
        Assert.Null(new RestartBackoff([], TimeSpan.FromMinutes(1)).Next(0, Crashed));
    }

    [Fact]
    public void Negative_delays_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff([TimeSpan.FromSeconds(-1)], TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RestartBackoff([TimeSpan.Zero], TimeSpan.FromSeconds(-1)));
    }
}
