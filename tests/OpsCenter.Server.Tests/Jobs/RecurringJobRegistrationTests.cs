using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using OpsCenter.Server.Jobs;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Jobs;

/// <summary>A stale Hangfire lock (a killed Server's) must not stop a Server from starting; a bad cron still must.</summary>
public sealed class RecurringJobRegistrationTests
{
    [Fact]
    public async Task A_registration_refused_at_start_is_tried_again_in_the_background_until_it_succeeds()
    {
        using var lifetime = new Lifetime();
        var attempts = 0;
        RecurringJobRegistration.Register("test", () =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
                throw new InvalidOperationException("Timeout expired. The timeout elapsed prior to obtaining a distributed lock");
        }, lifetime, NullLogger.Instance);

        Assert.Equal(1, Volatile.Read(ref attempts)); // the start went on
        await Eventually.True(() => Volatile.Read(ref attempts) == 2, TimeSpan.FromSeconds(30), "registered on the second try");
    }

    [Fact]
    public void A_bad_cron_fails_the_start_at_once()
    {
        using var lifetime = new Lifetime();
        Assert.Throws<ArgumentException>(() => RecurringJobRegistration.Register("test",
            () => throw new ArgumentException("CRON expression is invalid"), lifetime, NullLogger.Instance));
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose()
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }
}
