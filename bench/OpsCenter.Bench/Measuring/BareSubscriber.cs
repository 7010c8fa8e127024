using System.Globalization;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// The bare MQTTnet subscriber (bench/OpsCenter.Bench.Subscriber) as its own process: Ingest's session and
/// acknowledgement mode without Ingest's work, so its CPU per message is the MQTT client's own cost.
/// </summary>
public sealed class BareSubscriber : IAsyncDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private ManagedProcess? _process;
    private long _acked;
    private long _allocated;
    private (long Total, TaskCompletionSource Reached)? _waiter;

    public int Pid => _process!.Pid;

    /// <summary>Messages acknowledged since the process started, as it last reported.</summary>
    public long Acked
    {
        get
        {
            lock (_gate)
                return _acked;
        }
    }

    /// <param name="buffered">Read the socket through Ingest's 64 KiB read buffer (the client's cost with that change alone).</param>
    public static async Task<BareSubscriber> StartAsync(BrokerUnderTest broker, string clientId, string logFolder, bool buffered = false)
    {
        var subscriber = new BareSubscriber();
        subscriber._process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = "bare-subscriber",
            FileName = MissingPrerequisiteException.RequireOnPath("dotnet", ".NET SDK"),
            Arguments = [RepoPaths.ServiceDll("bench/OpsCenter.Bench.Subscriber"), broker.Port.ToString(CultureInfo.InvariantCulture), clientId, buffered ? "buffered" : "stock"],
            LogFile = Path.Combine(logFolder, $"bare-subscriber-{clientId}.log"),
            Environment = new Dictionary<string, string?> { ["DOTNET_gcServer"] = "0" },
            OnOutputLine = subscriber.OnLine,
        });
        await subscriber._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return subscriber;
    }

    private void OnLine(string line)
    {
        if (line == "ready")
        {
            _ready.TrySetResult();
            return;
        }
        var parts = line.Split(' ');
        if (parts is not ["acked", var count, var bytes] || !long.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
            return;
        lock (_gate)
        {
            _acked = total;
            _allocated = long.Parse(bytes, NumberStyles.None, CultureInfo.InvariantCulture);
            if (_waiter is { } w && total >= w.Total)
                w.Reached.TrySetResult();
        }
    }

    /// <summary>Bytes the subscriber had allocated when it last reported.</summary>
    public long Allocated
    {
        get
        {
            lock (_gate)
                return _allocated;
        }
    }

    /// <summary>Completes the moment the subscriber reports <paramref name="total"/> messages acknowledged since it started.</summary>
    public Task WaitAckedAsync(long total, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_acked >= total)
                return Task.CompletedTask;
            _waiter = (total, reached);
        }
        return reached.Task.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
    }
}
