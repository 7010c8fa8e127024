namespace OpsCenter.Ingest.Buffering;

/// <summary>A line InfluxDB will not store, with InfluxDB's reason; <see cref="Index"/> is its place in the batch.</summary>
public sealed record RefusedLine(int Index, string Line, int Status, string Error);

/// <summary>
/// The outcome of looking for the lines behind a refused batch: either every line is now stored or in
/// <see cref="Refused"/>, or InfluxDB became unavailable on the way (<see cref="Interruption"/>) and the batch must be
/// written again later, whole.
/// </summary>
public sealed record RefusalSearch(IReadOnlyList<RefusedLine> Refused, int Writes, WriteAnswer? Interruption)
{
    public bool IsComplete => Interruption is null;
}

/// <summary>
/// Finds which lines of a batch InfluxDB refuses. Every generation (1.x, 2.x, 3.x) answers a bad batch with one 400
/// that names a field, not a line, and 1.x sometimes drops the whole batch. So the refused batch is split in halves and
/// each half written again, recursively, down to single lines: a single line still refused is the offender. Writing
/// the good lines again is harmless, since a point is identified by its timestamp and tags.
/// The number of writes is bounded: a batch of mostly bad lines would otherwise cost a write per line. Once the budget
/// is spent, a still-refused part is reported whole (with InfluxDB's reason), never dropped.
/// </summary>
public sealed class RefusedLineFinder(Func<IReadOnlyList<string>, CancellationToken, Task<WriteAnswer>> write, int maxWrites)
{
    public async Task<RefusalSearch> FindAsync(IReadOnlyList<string> lines, WriteAnswer refusal, CancellationToken cancellationToken)
    {
        var refused = new List<RefusedLine>();
        var writes = 0;
        var pending = new Stack<(int Start, int Count, WriteAnswer Refusal)>();
        pending.Push((0, lines.Count, refusal));
        while (pending.TryPop(out var part))
        {
            if (part.Count == 1 || writes + 2 > maxWrites)
            {
                var detail = part.Count == 1 ? part.Refusal.Error : $"{part.Refusal.Error} (one of {part.Count} lines refused together; the search stopped after {writes} writes)";
                for (var i = part.Start; i < part.Start + part.Count; i++)
                    refused.Add(new RefusedLine(i, lines[i], part.Refusal.Status, detail));
                continue;
            }

            var firstHalf = part.Count / 2;
            var halves = new[] { (part.Start, firstHalf), (part.Start + firstHalf, part.Count - firstHalf) };
            var stillRefused = new List<(int, int, WriteAnswer)>(2);
            foreach (var (start, count) in halves)
            {
                writes++;
                var answer = await write(Slice(lines, start, count), cancellationToken);
                if (answer.Verdict == WriteVerdict.LinesRefused)
                    stillRefused.Add((start, count, answer));
                else if (answer.Verdict != WriteVerdict.Stored)
                    return new RefusalSearch([], writes, answer);
            }
            // Pushed last to first, so the first half is searched first.
            for (var i = stillRefused.Count - 1; i >= 0; i--)
                pending.Push(stillRefused[i]);
        }
        refused.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new RefusalSearch(refused, writes, null);
    }

    private static string[] Slice(IReadOnlyList<string> lines, int start, int count)
    {
        var slice = new string[count];
        for (var i = 0; i < count; i++)
            slice[i] = lines[start + i];
        return slice;
    }
}
