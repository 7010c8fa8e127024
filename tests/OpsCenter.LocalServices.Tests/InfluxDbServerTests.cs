using System.Net;

namespace OpsCenter.LocalServices.Tests;

public sealed class InfluxDbServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Starts_and_answers_ping_with_204()
    {
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: Ct);

        using var response = await Http.GetAsync(new Uri(influx.Url, "/ping"), Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("127.0.0.1", influx.Url.Host);
    }

    [Fact]
    public async Task A_point_written_through_write_is_read_back_through_query()
    {
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: Ct);
        await QueryAsync(influx, "CREATE DATABASE city");

        await WriteAsync(influx, "city", "traffic,segment=s1 speed=42.5");

        Assert.Contains("42.5", await QueryAsync(influx, "SELECT speed FROM traffic", "city"));
    }

    [Fact]
    public async Task Data_survives_a_stop_and_start_on_the_same_folder()
    {
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: Ct);
        await QueryAsync(influx, "CREATE DATABASE city");
        await WriteAsync(influx, "city", "counters,office=o1 waiting=7i");

        await influx.StopAsync();
        Assert.False(influx.IsRunning);
        await influx.StartAsync(Ct);

        Assert.Contains("[\"waiting\"", await QueryAsync(influx, "SHOW FIELD KEYS FROM counters", "city"));
        Assert.Contains(",7]", await QueryAsync(influx, "SELECT waiting FROM counters", "city"));
    }

    [Fact]
    public async Task With_auth_enabled_it_refuses_a_wrong_password_and_takes_the_first_admin_without_credentials()
    {
        await using var influx = await InfluxDbServer.StartNewAsync(new InfluxDbServerOptions { AuthEnabled = true }, Ct);
        await QueryAsync(influx, "CREATE USER admin WITH PASSWORD 'right' WITH ALL PRIVILEGES");

        using var wrong = new StringContent("traffic speed=1");
        using var refused = await Http.PostAsync(new Uri(influx.Url, "/write?db=city&u=admin&p=wrong"), wrong, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        await QueryAsync(influx, "CREATE DATABASE city", credentials: "u=admin&p=right");
        using var right = new StringContent("traffic speed=1");
        using var accepted = await Http.PostAsync(new Uri(influx.Url, "/write?db=city&u=admin&p=right"), right, Ct);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [Fact]
    public async Task Starts_again_after_being_killed()
    {
        await using var influx = await InfluxDbServer.StartNewAsync(cancellationToken: Ct);
        var firstPid = influx.Pid!.Value;

        influx.Kill();
        await influx.Exited!.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await influx.StartAsync(Ct);

        Assert.False(ProcessTable.IsAlive(firstPid));
        Assert.True(influx.IsRunning);
    }

    [Fact]
    public async Task Dispose_removes_the_process_and_the_throwaway_folder()
    {
        var influx = await InfluxDbServer.StartNewAsync(cancellationToken: Ct);
        var pid = influx.Pid!.Value;

        await influx.DisposeAsync();

        Assert.False(ProcessTable.IsAlive(pid));
        Assert.False(Directory.Exists(influx.DataDirectory));
    }

    private static async Task WriteAsync(InfluxDbServer influx, string database, string lineProtocol)
    {
        using var content = new StringContent(lineProtocol);
        using var response = await Http.PostAsync(new Uri(influx.Url, $"/write?db={database}"), content, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<string> QueryAsync(InfluxDbServer influx, string query, string? database = null, string? credentials = null)
    {
        var form = new Dictionary<string, string> { ["q"] = query };
        if (database is not null)
        {
            form["db"] = database;
        }
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(new Uri(influx.Url, credentials is null ? "/query" : $"/query?{credentials}"), content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
