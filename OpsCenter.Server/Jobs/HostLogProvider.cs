using Hangfire.AspNetCore;
using Hangfire.Logging;
using LogLevel = Hangfire.Logging.LogLevel;

namespace OpsCenter.Server.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide and set by whichever host configured Hangfire last. When that host is
/// disposed (tests start and stop Servers in one process), its LoggerFactory is disposed with it, and every later
/// logger Hangfire creates — in a job's filters, in a worker — threw ObjectDisposedException: enqueueing failed and
/// fetched jobs never ran. This one logs through the host's factory while it lives and stays silent after.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new Guarded(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Guarded(ILog inner) : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
