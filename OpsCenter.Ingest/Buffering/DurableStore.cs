using System.Net.Sockets;
using InfluxDB.Client.Core.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Buffering;

/// <summary>
/// Makes a batch durable: written to InfluxDB, or — when InfluxDB is unreachable — appended to the on-disk buffer.
/// While the buffer holds anything, new batches queue behind it so InfluxDB receives them in order.
/// When the buffer is full, <see cref="StoreAsync"/> waits (and Ingest stops acknowledging) instead of dropping.
/// </summary>
public sealed partial class DurableStore : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);
    private readonly PointWriter _writer;
    private readonly DiskBuffer _buffer;
    private readonly IngestMetrics _metrics;
    private readonly ILogger<DurableStore> _logger;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _writeBudget;
    private bool _influxUp = true;
    private long _nextAttempt;

    public DurableStore(PointWriter writer, IOptions<IngestOptions> options, IngestMetrics metrics, ILogger<DurableStore> logger, TimeProvider clock)
    {
        _writer = writer;
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
    public async Task<StoredTo> StoreAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
            return StoredTo.Nothing;
        while (true)
        {
            if (_buffer.IsEmpty && ShouldTryInflux() && await TryWriteWithinBudgetAsync(lines, cancellationToken))
            {
                _metrics.Stored(lines.Count);
                return StoredTo.InfluxDb;
            }

            var bytes = lines.Sum(l => (long)l.Length + 1) + 8;
            if (_buffer.HasRoomFor(bytes))
            {
                _buffer.Append(lines);
                _metrics.Buffered(lines.Count);
                _metrics.BufferBytes(_buffer.Bytes);
                return StoredTo.DiskBuffer;
            }

            LogBufferFull(_buffer.Bytes);
            await ReplayAsync(cancellationToken, maxBatches: 16);
            if (!_buffer.HasRoomFor(bytes))
                await Task.Delay(RetryInterval, _clock, cancellationToken);
        }
    }

    /// <summary>Sends buffered batches to InfluxDB, oldest first, while it answers.</summary>
    public async Task ReplayAsync(CancellationToken cancellationToken, int maxBatches = 8)
    {
        for (var i = 0; i < maxBatches && !_buffer.IsEmpty && ShouldTryInflux(); i++)
        {
            var batch = _buffer.Peek();
            if (batch is null)
                return;
            if (!await TryWriteAsync(batch.Lines, cancellationToken))
                return;
            _buffer.Commit(batch);
            _metrics.Stored(batch.Lines.Length);
            _metrics.BufferBytes(_buffer.Bytes);
            if (_buffer.IsEmpty)
                LogBufferDrained();
        }
    }

    public void Dispose() => _buffer.Dispose();

    /// <summary>
    /// A write that takes longer than the budget (InfluxDB compacting, a GC pause) would hold every device's
    /// acknowledgement; the batch goes to the disk buffer instead, which is just as durable. The slow write carries on:
    /// if it lands, the replay later rewrites the same points, which InfluxDB stores once.
    /// </summary>
    private async Task<bool> TryWriteWithinBudgetAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var write = TryWriteAsync(lines, cancellationToken);
        if (await Task.WhenAny(write, Task.Delay(_writeBudget, _clock, cancellationToken)) == write)
            return await write;
        _metrics.SlowWrite();
        return false;
    }

    private bool ShouldTryInflux() => _influxUp || _clock.GetTimestamp() >= _nextAttempt;

    private async Task<bool> TryWriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(lines, cancellationToken);
            if (!_influxUp)
                LogInfluxBack();
            _influxUp = true;
            return true;
        }
        catch (Exception ex) when (IsUnreachable(ex) && !cancellationToken.IsCancellationRequested)
        {
            if (_influxUp)
                LogInfluxDown(ex.Message);
            _influxUp = false;
            _nextAttempt = _clock.GetTimestamp() + (long)(RetryInterval.TotalSeconds * _clock.TimestampFrequency);
            return false;
        }
        catch (InfluxException ex) when (ex.Status is >= 400 and < 500)
        {
            // A 4xx will never succeed on retry (e.g. a field-type conflict); 1.x has stored the other points.
            LogWriteRefused(ex.Status, ex.Message, lines.Count);
            return true;
        }
    }

    private static bool IsUnreachable(Exception ex) => ex switch
    {
        HttpRequestException or SocketException or TimeoutException => true,
        TaskCanceledException => true,
        InfluxException influx => influx.Status is 0 or >= 500 || influx.InnerException is HttpRequestException or SocketException,
        _ => ex.InnerException is not null && IsUnreachable(ex.InnerException),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB unreachable ({Error}); buffering to disk and retrying every second")]
    private partial void LogInfluxDown(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB reachable again; replaying the on-disk buffer in order")]
    private partial void LogInfluxBack();

    [LoggerMessage(Level = LogLevel.Information, Message = "On-disk buffer drained")]
    private partial void LogBufferDrained();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Bytes} bytes in the on-disk buffer from an earlier run; replaying them first")]
    private partial void LogBufferFound(long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "On-disk buffer full ({Bytes} bytes): no longer acknowledging device messages until InfluxDB is back")]
    private partial void LogBufferFull(long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB refused a batch of {Count} points with {Status}: {Error}")]
    private partial void LogWriteRefused(int status, string error, int count);
}
