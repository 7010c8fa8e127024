using OpsCenter.Ingest.DeadLetters;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Buffering;

/// <summary>What became of a batch: <see cref="Answer"/> is Stored when every line is stored or dead-lettered.</summary>
public sealed record BatchWrite(WriteAnswer Answer, IReadOnlyList<RefusedLine> Refused)
{
    public bool IsSettled => Answer.Verdict == WriteVerdict.Stored;
}

/// <summary>
/// Writes a batch to InfluxDB and settles what InfluxDB can refuse without being down: a missing database is created
/// again (it is ours), lines InfluxDB will never store go to the dead-letter store. Anything else — unreachable,
/// credentials refused, a database we cannot create — is left to the caller, which keeps the batch and retries.
/// A batch is therefore never settled unless each of its lines is stored or dead-lettered.
/// </summary>
public sealed partial class InfluxBatchWriter(
    PointWriter writer,
    InfluxBootstrap bootstrap,
    RefusedLineDeadLetters deadLetters,
    ILogger<InfluxBatchWriter> logger)
{
    /// <summary>
    /// Writes spent looking for refused lines in one batch: enough for a few bad lines in the largest batch (about
    /// 2 × log2(5000) ≈ 26 writes per bad line) while bounding how long acknowledgements wait.
    /// </summary>
    public const int MaxSearchWrites = 64;

    public async Task<BatchWrite> WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        using var batch = LineBatch.From(lines);
        return await SettleAsync(batch, await WriteOnceAsync(batch, cancellationToken), cancellationToken);
    }

    /// <summary>One write of lines kept as strings (the search for refused lines writes halves of a batch).</summary>
    public async Task<WriteAnswer> WriteOnceAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        using var batch = LineBatch.From(lines);
        return await WriteOnceAsync(batch, cancellationToken);
    }

    /// <summary>One write, its failure classified; our own cancellation and unexpected exceptions still throw.</summary>
    public async Task<WriteAnswer> WriteOnceAsync(LineBatch lines, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(lines, cancellationToken);
            return WriteAnswer.Stored;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && WriteAnswer.From(ex) is { } answer)
        {
            return answer;
        }
    }

    /// <summary>Acts on the answer to the batch's first write.</summary>
    public async Task<BatchWrite> SettleAsync(LineBatch lines, WriteAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Verdict == WriteVerdict.DatabaseMissing)
            answer = await RecreateDatabaseAndRetryAsync(lines, answer, cancellationToken);
        if (answer.Verdict != WriteVerdict.LinesRefused)
            return new BatchWrite(answer, []);

        // Rare (a field-type conflict): the search splits the batch, so it works on the lines as strings.
        var search = await new RefusedLineFinder(WriteOnceAsync, MaxSearchWrites).FindAsync(lines.ToStrings(), answer, cancellationToken);
        if (!search.IsComplete)
            return new BatchWrite(search.Interruption!.Value, []);
        deadLetters.Add(search.Refused);
        LogLinesRefused(search.Refused.Count, lines.Count, answer.Status, answer.Error, search.Writes);
        return new BatchWrite(WriteAnswer.Stored, search.Refused);
    }

    private async Task<WriteAnswer> RecreateDatabaseAndRetryAsync(LineBatch lines, WriteAnswer missing, CancellationToken cancellationToken)
    {
        LogDatabaseMissing(missing.Status, missing.Error);
        try
        {
            await bootstrap.EnsureDatabaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or InfluxQlException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return missing with { Error = $"{missing.Error}; creating it failed: {ex.Message}" };
        }
        return await WriteOnceAsync(lines, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB has lost our database or retention policy ({Status}: {Error}); creating it again and retrying")]
    private partial void LogDatabaseMissing(int status, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB refused {Refused} of {Count} points ({Status}: {Error}); the rest are stored, the refused ones are in the dead-letter store as storeRefused ({Writes} writes to find them)")]
    private partial void LogLinesRefused(int refused, int count, int status, string error, int writes);
}
