using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;
using OpsCenter.LocalServices;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Tests.Incidents;

/// <summary>
/// <c>GET /api/incidents/{id}/snapshot</c> against a tiny picture server on loopback: images come through, anything
/// else (wrong type, too big, too slow, a redirect, a host not allowed) is refused with a clear status.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class IncidentSnapshotTests(ServerFixture server) : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
    private readonly int _port = FreePort.Next();
    private WebApplication _pictures = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _pictures = builder.Build();
        _pictures.MapGet("/snap.png", () => Results.Bytes(Png, "image/png"));
        _pictures.MapGet("/page.html", () => Results.Text("<html>not a picture</html>", "text/html"));
        _pictures.MapGet("/huge.jpg", () => Results.Bytes(new byte[3 * 1024 * 1024], "image/jpeg"));
        // No Content-Length: the cap must hold while streaming.
        _pictures.MapGet("/chunked.jpg", async (HttpResponse response) =>
        {
            response.ContentType = "image/jpeg";
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 48; i++)
                await response.Body.WriteAsync(chunk);
        });
        _pictures.MapGet("/slow.jpg", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Bytes(Png, "image/jpeg");
        });
        _pictures.MapGet("/moved.jpg", () => Results.Redirect("http://localhost/elsewhere.jpg"));
        await _pictures.StartAsync();
    }

    public async ValueTask DisposeAsync() => await _pictures.DisposeAsync();

    [Fact]
    public async Task An_image_from_an_allowed_host_comes_through_the_server()
    {
        using var response = await GetSnapshotAsync($"http://127.0.0.1:{_port}/snap.png?token=secret");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/page.html", HttpStatusCode.BadGateway, "not one of")]
    [InlineData("/huge.jpg", HttpStatusCode.BadGateway, "larger than")]
    [InlineData("/chunked.jpg", HttpStatusCode.BadGateway, "larger than")]
    [InlineData("/moved.jpg", HttpStatusCode.BadGateway, "redirects are not followed")]
    [InlineData("/slow.jpg", HttpStatusCode.GatewayTimeout, "within 5 s")]
    public async Task What_is_not_a_small_image_delivered_in_time_is_refused(string path, HttpStatusCode expected, string message)
    {
        using var response = await GetSnapshotAsync($"http://127.0.0.1:{_port}{path}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_not_allowed_is_refused_with_403()
    {
        using var response = await GetSnapshotAsync($"http://localhost:{_port}/snap.png");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not in Snapshots:AllowedHosts", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cameras_snapshotHost_attribute_allows_its_host_for_that_camera_only()
    {
        var host = $"localhost:{_port}";
        var camera = new DeviceRecord
        {
            Id = "cam-nvr-1", Kind = "camera", Name = "cam", AreaId = "lechan", Lat = 20.8, Lon = 106.6,
            Attributes = new() { [DeviceAttributes.SnapshotHost] = host },
        };
        var inventory = new CityInventory { City = "test", TimeZone = "Asia/Ho_Chi_Minh", Devices = [camera] };
        var fetcher = new SnapshotFetcher(new PlainHttpClients(), Options.Create(new SnapshotOptions()), inventory, NullLogger<SnapshotFetcher>.Instance);
        var ct = TestContext.Current.CancellationToken;

        var own = await fetcher.FetchAsync($"http://{host}/snap.png", camera.Id, ct);
        var other = await fetcher.FetchAsync($"http://{host}/snap.png", "cam-elsewhere", ct);

        Assert.Equal(200, own.Status);
        Assert.Equal(Png, own.Bytes);
        Assert.Equal(403, other.Status);
    }

    [Fact]
    public async Task An_incident_without_a_snapshot_answers_404()
    {
        using var response = await GetSnapshotAsync(null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    private async Task<HttpResponseMessage> GetSnapshotAsync(string? snapshotUrl)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = $"cam-snap-{Guid.NewGuid():N}";
        await server.Factory.Services.GetRequiredService<IIncidentSink>().RaiseAsync(new IncidentSignal(
            source, "crowd", IncidentSeverities.Major, IncidentCategories.Camera, AreaId: null, DateTimeOffset.UtcNow, RuleId: null,
            "crowd at the gate", SnapshotUrl: snapshotUrl), ct);
        var incident = await server.Factory.Services.GetRequiredService<IncidentStore>().LoadActiveAsync(source, "crowd", ct);
        using var client = server.ClientAs(Roles.Operator);
        return await client.GetAsync($"/api/incidents/{incident!.Id}/snapshot", ct);
    }
}
