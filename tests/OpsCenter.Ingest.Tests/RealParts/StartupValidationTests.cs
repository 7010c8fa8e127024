using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>A wrong setting stops Ingest at start-up with a message naming the key, not at 3 a.m.</summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-config-").FullName;

    [Theory]
    [InlineData("Influx__Url", "not a url", "Influx:Url")]
    [InlineData("Mqtt__Port", "70000", "Mqtt:Port")]
    [InlineData("Ingest__BatchSize", "0", "BatchSize")]
    [InlineData("Inventory__Path", "/nonexistent/inventory.json", "Inventory:Path")]
    [InlineData("Telemetry__OtlpEndpoint", "localhost:4317", "Telemetry:OtlpEndpoint")]
    public async Task A_wrong_setting_stops_the_service_with_a_message_naming_it(string variable, string value, string named)
    {
        var inventory = TestCity.WriteTo(_folder, TestCity.Create());
        await using var ingest = new ServiceProcess("OpsCenter.Ingest", new Dictionary<string, string?>
        {
            ["Inventory__Path"] = inventory,
            ["Ingest__DataPath"] = Path.Combine(_folder, "ingest"),
            [variable] = value,
        }, _folder);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ingest.StartAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
