using OpsCenter.AppHost.Tests.Support;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.AppHost.Tests;

/// <summary>The first start's history backfill: the real simulator publishing to a real mosquitto, once per data folder.</summary>
public sealed class HistoryBackfillTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-backfill-").FullName;
    private readonly LogRecorder _log = new();
    private MosquittoServer _broker = null!;
    private string _inventory = null!;

    private static string SimulatorDll => ServiceCatalog.SimulatorAssembly(RepoPaths.Root);

    public async ValueTask InitializeAsync()
    {
        _broker = await MosquittoServer.StartNewAsync(cancellationToken: TestContext.Current.CancellationToken);
        _inventory = TestCity.WriteTo(_folder, TestCity.Create(camerasPerArea: 1, detectorsPerArea: 1, officesPerArea: 1));
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_first_start_publishes_the_history_and_marks_the_data_folder_so_the_next_start_does_not()
    {
        var first = Backfill(messagesPerSecond: 1_000_000);
        await first.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.True(() => first.Done, TimeSpan.FromSeconds(90), "backfill marked done");
        await first.DisposeAsync();

        var summary = Assert.Single(File.ReadAllLines(LogFile), l => l.Contains("Summary:", StringComparison.Ordinal));
        Assert.Matches(@"sent [1-9][\d,]{4,}", summary);
        Assert.Contains("failed 0", summary, StringComparison.Ordinal);

        await using var second = Backfill(messagesPerSecond: 1_000_000);
        await second.StartAsync(TestContext.Current.CancellationToken);
        Assert.Single(File.ReadAllLines(LogFile), l => l.Contains("Summary:", StringComparison.Ordinal));
        Assert.Single(_log.ToString().Split('\n'), l => l.Contains("first start: backfilling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_backfill_stopped_before_it_finished_is_not_marked_done()
    {
        var backfill = Backfill(messagesPerSecond: 20);
        await backfill.StartAsync(TestContext.Current.CancellationToken);
        await Eventually.True(() => File.Exists(LogFile) && File.ReadAllText(LogFile).Contains("Backfill:", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "backfill started publishing");
        await backfill.DisposeAsync();

        Assert.False(backfill.Done);
        Assert.Contains("interrupted", _log.ToString(), StringComparison.Ordinal);
    }

    private string LogFile => Path.Combine(_folder, "logs", "backfill.log");

    private HistoryBackfill Backfill(int messagesPerSecond) =>
        new(SimulatorDll, _folder, _inventory, _log.Log, days: 1, messagesPerSecond, _broker.Port);
}
