using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpsCenter.Server.Leaders.Indicators;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>
/// A second Server on the fixture's PostgreSQL and key ring whose indicator source is <see cref="FakeIndicatorSource"/>,
/// so the dashboard's arithmetic is checked against known numbers; the fixture's tokens work here too.
/// </summary>
public sealed class DashboardHost(ServerFixture server) : IAsyncLifetime
{
    internal FakeIndicatorSource Source { get; } = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Factory = server.Factory.WithWebHostBuilder(web =>
        {
            // Its own MQTT session: the same client id would take the fixture Server's session over.
            web.UseSetting("Mqtt:ClientId", "server-tests-dashboard");
            web.ConfigureTestServices(services => services.AddSingleton<IIndicatorSource>(Source));
        });
        return ValueTask.CompletedTask;
    }

    public HttpClient ClientAs(string role)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.TokenOf(role));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is not null)
            await Factory.DisposeAsync();
    }
}
