using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpsCenter.Ingest.Tests.RealParts;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.Api;

/// <summary>
/// Ingest in process, to read its mapped endpoints and call its HTTP API with tokens signed on a shared key ring the way
/// the Server signs them. The API does not need InfluxDB or the broker to answer, so none runs: the ports point at
/// nothing and Ingest keeps retrying them in the background.
/// </summary>
public sealed class IngestApiFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("opscenter-ingest-api-").FullName;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    private string KeyRing => Path.Combine(_folder, "keys");

    public ValueTask InitializeAsync()
    {
        var inventory = TestCity.WriteTo(_folder, TestCity.Create(camerasPerArea: 1, detectorsPerArea: 1));
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["Mqtt:Host"] = "127.0.0.1",
                ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Mqtt:ClientId"] = "ingest-api-tests",
                ["Influx:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["Influx:Database"] = "opscenter",
                ["Inventory:Path"] = inventory,
                ["Ingest:DataPath"] = Path.Combine(_folder, "buffer"),
                ["Security:KeyRingPath"] = KeyRing,
            })
            {
                web.UseSetting(key, value);
            }
        });
        _ = Factory.Server; // start now, so a start-up failure shows here and not in the first test
        return ValueTask.CompletedTask;
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public HttpClient ClientAs(string role)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(KeyRing, role));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null)
            await Factory.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the run.
        }
    }
}
