using Microsoft.Playwright;

namespace OpsCenter.EndToEnd.Tests.Faults;

/// <summary>The parts of the city a fault test kills.</summary>
public enum CityPart
{
    Server,
    Broker,
    Ingest,
    InfluxDb,
    PostgreSql,
}

/// <summary>
/// A city of its own for fault injection (never shared with other tests, since its parts get killed): every part as a
/// real process, 20 cameras publishing at 5 messages a second each, and the wall open in Chromium, watched next to
/// Ingest's device API from start to end.
/// </summary>
public sealed class FaultCity : IAsyncLifetime
{
    public static readonly TimeSpan CameraPeriod = TimeSpan.FromMilliseconds(200);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _switches;

    public CityFixture City { get; } = new();

    public SteadyFleet Fleet { get; private set; } = null!;

    public WallWatch Watch { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await City.InitializeAsync();
        // Half the inventory's cameras, from both areas; the other half never speaks, so "all online" is never the answer.
        var cameras = City.City.Devices.Where(d => d.Kind == "camera")
            .GroupBy(d => d.AreaId).SelectMany(area => area.OrderBy(d => d.Id, StringComparer.Ordinal).Take(10))
            .Select(d => (d.Id, City.DeviceSecret(d.Id)));
        Fleet = new SteadyFleet(City.BrokerPort, cameras, CameraPeriod);
        await Fleet.StartAsync();
        foreach (var camera in Fleet.Cameras.Take(3))
            Fleet.Switch(camera, online: false);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(WallScreenTests.ChromiumOptions());
        var page = await WallScreenTests.OpenWallAsync(_browser, City);
        Watch = new WallWatch(page, City.Ingest.BaseUrl, await City.AdminTokenAsync());
    }

    /// <summary>The next camera to change state, round the fleet, so every fault moves the count somewhere new.</summary>
    public FleetCamera NextCameraToSwitch() => Fleet.Cameras[(3 + _switches++) % Fleet.Cameras.Count];

    /// <summary>SIGKILL, and returns once the process is gone.</summary>
    public async Task KillAsync(CityPart part)
    {
        var exited = part switch
        {
            CityPart.Server => KillService(City.Server),
            CityPart.Broker => KillService(City.Broker),
            CityPart.Ingest => KillService(City.Ingest),
            CityPart.InfluxDb => KillServer(City.Influx),
            CityPart.PostgreSql => KillServer(City.Postgres),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        await exited.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// The databases come back in a fraction of a second; hold them down until the service that uses them has seen the
    /// outage (its /health fails), so the outage is one the system had to live through. Bounded: a service that never
    /// notices just gets its database back.
    /// </summary>
    public async Task LetTheOutageBeNoticedAsync(CityPart part)
    {
        var user = part switch
        {
            CityPart.InfluxDb => City.Ingest,
            CityPart.PostgreSql => City.Server,
            _ => null,
        };
        if (user is null)
            return;
        try
        {
            await OpsCenter.Tests.Shared.Eventually.True(async () => (await user.HealthAsync()).Status != 200, TimeSpan.FromSeconds(10),
                $"{part}'s outage in /health");
        }
        catch (TimeoutException)
        {
            // Not this suite's requirement: the checks after the restart still judge what the wall and storage did.
        }
    }

    /// <summary>Starts the part again on its port and data folder; returns once it answers.</summary>
    public Task RestartAsync(CityPart part) => part switch
    {
        CityPart.Server => City.Server.StartAsync(),
        CityPart.Broker => City.Broker.StartAsync(),
        CityPart.Ingest => City.Ingest.StartAsync(),
        CityPart.InfluxDb => City.Influx.StartAsync(),
        CityPart.PostgreSql => City.Postgres.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>Starts whatever a failed test left dead, so the next test starts from a whole city.</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var part in Enum.GetValues<CityPart>())
        {
            var down = part switch
            {
                CityPart.Server => City.Server.HasExited,
                CityPart.Broker => City.Broker.HasExited,
                CityPart.Ingest => City.Ingest.HasExited,
                CityPart.InfluxDb => !City.Influx.IsRunning,
                _ => !City.Postgres.IsRunning,
            };
            if (down)
                await RestartAsync(part);
        }
    }

    private static Task KillService(OpsCenter.Tests.Shared.ServiceProcess service)
    {
        var exited = service.Exited ?? throw new InvalidOperationException("not running");
        service.Kill();
        return exited;
    }

    private static Task KillServer(OpsCenter.LocalServices.LocalServer server)
    {
        var exited = server.Exited ?? throw new InvalidOperationException($"{server.Name} is not running");
        server.Kill();
        return exited;
    }

    public async ValueTask DisposeAsync()
    {
        if (Watch is not null)
            await Watch.DisposeAsync();
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (Fleet is not null)
            await Fleet.DisposeAsync();
        await City.DisposeAsync();
    }
}
