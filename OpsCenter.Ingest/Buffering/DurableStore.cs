using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Buffering;

/// <summary>Where a batch was made durable, and which of its lines InfluxDB refused (they are in the dead-letter store).</summary>
public sealed record StoreOutcome(StoredTo To, IReadOnlyList<RefusedLine> Refused)
{
    public static readonly StoreOutcome Nothing = new(StoredTo.Nothing, []);
}

/// <summary>
/// Makes a batch durable: written to InfluxDB, or — when InfluxDB is unavailable — appended to the on-disk buffer.
/// Unavailable means unreachable, refusing our credentials, or missing a database it would not let us create: all
/// end when an operator or InfluxDB acts, so the batch waits on disk and is retried every second, never acknowledged
/// as lost. Lines InfluxDB refuses for good are dead-lettered by <see cref="InfluxBatchWriter"/>.
/// While the buffer holds anything, new batches queue behind it so InfluxDB receives them in order.
/// When the buffer is full, <see cref="StoreAsync"/> waits (and Ingest stops acknowledging) instead of dropping.
/// </summary>
public sealed partial class DurableStore : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly InfluxBatchWriter _writer;
    private readonly DiskBuffer _buffer;
    private readonly InfluxWriteHealth _health;
    private readonly InfluxOptions _influx;
    private readonly IngestMetrics _metrics;
    private readonly ILogger<DurableStore> _logger;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _writeBudget;
    private readonly Dictionary<BufferPosition, (Task<WriteAnswer> Write, int Lines)> _givenUp = [];
    private bool _influxUp = true;
    private bool _drainAfterOutage;
    private long _nextAttempt;

    public DurableStore(InfluxBatchWriter writer, InfluxWriteHealth health, IOptions<InfluxOptions> influx, IOptions<IngestOptions> options,
        IngestMetrics metrics, ILogger<DurableStore> logger, TimeProvider clock)
    {
        _writer = writer;
        _health = health;
        _influx = influx.Value;
        _metrics = metrics;
        _logger = logger;
        _clock = clock;
        _writeBudget = TimeSpan.FromMilliseconds(options.Value.WriteBudgetMilliseconds);
        _buffer = new DiskBuffer(Path.Combine(options.Value.DataPath, "buffer"), options.Value.BufferMaxBytes);
        metrics.BufferBytes(_buffer.Bytes);
        if (!_buffer.IsEmpty)
            LogBufferFound(_buffer.Bytes);
    }

    public long BufferedBytes => _buffer.Bytes;

    /// <summary>Returns once the batch is durable, and where. Never drops it: with InfluxDB down and the buffer full, it waits.</summary>
    public async Task<StoreOutcome> StoreAsync(LineBatch lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
            return StoreOutcome.Nothing;
        while (true)
        {
            Task<WriteAnswer>? slow = null;
            if (_buffer.IsEmpty && ShouldTryInflux() && await FirstWriteWithinBudgetAsync(lines, w => slow = w, cancellationToken) is { } first)
            {
                // Settling a refusal (recreating the database, finding refused lines) takes a few more writes; it is
                // rare and bounded, and buffering instead would only postpone the same work.
                var write = await _writer.SettleAsync(lines, first, cancellationToken);
                if (Observe(write))
                {
                    _metrics.Stored(lines.Count - write.Refused.Count);
                    return new StoreOutcome(StoredTo.InfluxDb, write.Refused);
                }
            }

            var bytes = lines.ByteCount + 8L;
            if (_buffer.HasRoomFor(bytes))
            {
                var position = _buffer.Append(lines.Body.Span);
                // The write given up on is still sending these very lines: when it lands, replay has nothing to resend.
                if (slow is not null)
                    _givenUp[position] = (slow, lines.Count);
                _metrics.Buffered(lines.Count);
                _metrics.BufferBytes(_buffer.Bytes);
                return new StoreOutcome(StoredTo.DiskBuffer, []);
            }

            LogBufferFull(_buffer.Bytes);
            await ReplayAsync(cancellationToken, maxBatches: 16);
            if (!_buffer.HasRoomFor(bytes))
                await Task.Delay(RetryInterval, _clock, cancellationToken);
        }
    }

    /// <summary>Sends buffered batches to InfluxDB, oldest first, while it takes them.</summary>
    public async Task ReplayAsync(CancellationToken cancellationToken, int maxBatches = 8)
    {
        for (var i = 0; i < maxBatches && !_buffer.IsEmpty && ShouldTryInflux(); i++)
        {
            if (_buffer.PeekPosition() is not { } next)
                return;
            if (_givenUp.Remove(next.Start, out var slow) && await LandedAsync(slow.Write))
            {
                // Stored by the first write after all, only later than the budget: each point is in InfluxDB once.
                Observe(new BatchWrite(WriteAnswer.Stored, []));
                _buffer.Commit(next);
                _metrics.Stored(slow.Lines);
                _metrics.BufferBytes(_buffer.Bytes);
                NoteIfDrained();
                continue;
            }
            var batch = _buffer.Peek();
            if (batch is null)
                return;
            var write = await _writer.WriteAsync(batch.Lines, cancellationToken);
            if (!Observe(write))
                return;
            _buffer.Commit(batch);
            _metrics.Stored(batch.Lines.Length - write.Refused.Count);
            _metrics.BufferBytes(_buffer.Bytes);
            NoteIfDrained();
        }
    }

    /// <summary>
    /// Slow writes spill to the buffer many times a minute under load (the metrics count them); only the end of an
    /// outage, which the on-call engineer saw logged as an error, is worth a line.
    /// </summary>
    private void NoteIfDrained()
    {
        if (!_buffer.IsEmpty)
            return;
        if (_drainAfterOutage)
            LogBufferDrained();
        _drainAfterOutage = false;
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>
    /// A write that takes longer than the budget (InfluxDB compacting, a GC pause) would hold every device's
    /// acknowledgement; the batch goes to the disk buffer instead (null), which is just as durable. The slow write
    /// carries on: if it lands, the replay only checks that and moves on (a write that failed is replayed as usual).
    /// </summary>
    private async Task<WriteAnswer?> FirstWriteWithinBudgetAsync(LineBatch lines, Action<Task<WriteAnswer>> givenUp, CancellationToken cancellationToken)
    {
        var write = _writer.WriteOnceAsync(lines, cancellationToken);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (await Task.WhenAny(write, Task.Delay(_writeBudget, _clock, budget.Token)) == write)
        {
            await budget.CancelAsync(); // no timer left behind per batch
            return await write;
        }
        _metrics.SlowWrite();
        givenUp(write);
        return null;
    }

    /// <summary>Whether a write given up on as slow stored the whole batch in the end.</summary>
    private static async Task<bool> LandedAsync(Task<WriteAnswer> write)
    {
        try
        {
            return await write == WriteAnswer.Stored;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false; // replayed as usual, which surfaces whatever is wrong
        }
    }

    private bool ShouldTryInflux() => _influxUp || _clock.GetTimestamp() >= _nextAttempt;

    /// <summary>Records what a write said about InfluxDB (for retries, logs and /health); true when the batch is settled.</summary>
    private bool Observe(BatchWrite write)
    {
        if (write.IsSettled)
        {
            if (!_influxUp)
                LogInfluxBack();
            _influxUp = true;
            _health.WriteAccepted();
            return true;
        }

        var problem = Describe(write.Answer);
        if (_influxUp || problem != _health.Problem)
            LogInfluxUnavailable(problem ?? $"InfluxDB unreachable ({write.Answer.Error}); buffering to disk");
        _influxUp = false;
        _drainAfterOutage = true;
        _nextAttempt = _clock.GetTimestamp() + (long)(RetryInterval.TotalSeconds * _clock.TimestampFrequency);
        // Without a status nothing answered, which /ping reports by itself.
        if (problem is null)
            _health.WriteAccepted();
        else
            _health.WriteFailed(problem);
        return false;
    }

    /// <summary>What the on-call engineer must read on /health when InfluxDB answers but does not store.</summary>
    private string? Describe(WriteAnswer answer) => answer.Verdict switch
    {
        WriteVerdict.CredentialsRefused =>
            $"InfluxDB refuses our credentials ({answer.Status}): check Influx:Token / Influx:Username and Influx:Password ({answer.Error}); buffering to disk",
        WriteVerdict.DatabaseMissing =>
            $"InfluxDB has no database '{_influx.Database}' / retention policy '{_influx.RetentionPolicy}' and Ingest could not create it ({answer.Status}: {answer.Error}); buffering to disk",
        _ when answer.Status != 0 => $"InfluxDB fails writes ({answer.Status}: {answer.Error}); buffering to disk",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}; retrying every second")]
    private partial void LogInfluxUnavailable(string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB takes writes again; replaying the on-disk buffer in order")]
    private partial void LogInfluxBack();

    [LoggerMessage(Level = LogLevel.Information, Message = "On-disk buffer drained")]
    private partial void LogBufferDrained();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Bytes} bytes in the on-disk buffer from an earlier run; replaying them first")]
    private partial void LogBufferFound(long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "On-disk buffer full ({Bytes} bytes): no longer acknowledging device messages until InfluxDB is back")]
    private partial void LogBufferFull(long bytes);
}
