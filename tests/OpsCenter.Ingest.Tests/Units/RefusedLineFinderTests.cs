using OpsCenter.Ingest.Buffering;

namespace OpsCenter.Ingest.Tests.Units;

public sealed class RefusedLineFinderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly WriteAnswer Conflict = new(WriteVerdict.LinesRefused, 400, "field type conflict");

    [Fact]
    public async Task Finds_each_refused_line_and_writes_every_other_line()
    {
        var influx = new FakeInflux(refuses: line => line.Contains("bad", StringComparison.Ordinal));
        var lines = Enumerable.Range(0, 100).Select(i => i is 7 or 63 ? $"bad {i}" : $"good {i}").ToList();

        var search = await new RefusedLineFinder(influx.WriteAsync, maxWrites: 64).FindAsync(lines, Conflict, Ct);

        Assert.True(search.IsComplete);
        Assert.Equal([7, 63], search.Refused.Select(r => r.Index));
        Assert.All(search.Refused, r => Assert.Equal("field type conflict", r.Error));
        Assert.Equal(lines.Where(l => l.StartsWith("good", StringComparison.Ordinal)).Order(), influx.Stored.Order());
    }

    [Fact]
    public async Task A_single_refused_line_is_the_offender_without_another_write()
    {
        var influx = new FakeInflux(refuses: _ => true);

        var search = await new RefusedLineFinder(influx.WriteAsync, maxWrites: 64).FindAsync(["only 1"], Conflict, Ct);

        Assert.Equal(0, search.Writes);
        Assert.Equal("only 1", Assert.Single(search.Refused).Line);
    }

    [Fact]
    public async Task Past_its_write_budget_it_reports_what_is_still_refused_whole_rather_than_dropping_it()
    {
        var influx = new FakeInflux(refuses: line => line.StartsWith("bad", StringComparison.Ordinal));
        var lines = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? $"bad {i}" : $"good {i}").ToList();

        var search = await new RefusedLineFinder(influx.WriteAsync, maxWrites: 6).FindAsync(lines, Conflict, Ct);

        Assert.True(search.Writes <= 6);
        // Every line is accounted for: stored, or reported with the reason that the search stopped.
        var reported = search.Refused.Select(r => r.Line).ToHashSet();
        Assert.All(lines, line => Assert.True(reported.Contains(line) || influx.Stored.Contains(line), line));
        Assert.All(lines.Where(l => l.StartsWith("bad", StringComparison.Ordinal)), bad => Assert.Contains(bad, reported));
        Assert.Contains(search.Refused, r => r.Error.Contains("the search stopped after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InfluxDB_becoming_unavailable_interrupts_the_search_and_reports_nothing_as_refused()
    {
        var influx = new FakeInflux(refuses: line => line.StartsWith("bad", StringComparison.Ordinal)) { DownAfterWrites = 1 };
        string[] lines = ["good 1", "bad 2", "good 3", "good 4"];

        var search = await new RefusedLineFinder(influx.WriteAsync, maxWrites: 64).FindAsync(lines, Conflict, Ct);

        Assert.False(search.IsComplete);
        Assert.Equal(WriteVerdict.Unreachable, search.Interruption!.Value.Verdict);
        Assert.Empty(search.Refused);
    }

    /// <summary>An InfluxDB that refuses a whole write when any of its lines is bad, as 1.x does for a conflict within one write.</summary>
    private sealed class FakeInflux(Func<string, bool> refuses)
    {
        public List<string> Stored { get; } = [];
        public int? DownAfterWrites { get; init; }
        private int _writes;

        public Task<WriteAnswer> WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
        {
            if (_writes++ >= DownAfterWrites)
                return Task.FromResult(new WriteAnswer(WriteVerdict.Unreachable, 0, "connection refused"));
            if (lines.Any(refuses))
                return Task.FromResult(Conflict);
            Stored.AddRange(lines);
            return Task.FromResult(WriteAnswer.Stored);
        }
    }
}
