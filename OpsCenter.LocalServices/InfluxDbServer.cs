using System.Globalization;
using System.Net;

namespace OpsCenter.LocalServices;

/// <summary>
/// InfluxDB 1.x (Debian's <c>influxdb</c> package, 1.6.7), HTTP API on loopback; without authentication unless
/// <see cref="InfluxDbServerOptions.AuthEnabled"/> asks for it.
/// </summary>
public sealed class InfluxDbServer(LocalServerOptions? options = null) : LocalServer("influxdb", options ?? new())
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Base URL of the HTTP API, e.g. <c>http://127.0.0.1:18086</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    private string ConfigFile => Path.Combine(DataDirectory, "influxdb.conf");

    private bool AuthEnabled { get; } = options is InfluxDbServerOptions { AuthEnabled: true };

    /// <summary>Creates a server and starts it; disposes it if it does not come up.</summary>
    public static Task<InfluxDbServer> StartNewAsync(LocalServerOptions? options = null, CancellationToken cancellationToken = default) =>
        StartOrDisposeAsync(new InfluxDbServer(options), cancellationToken);

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        MissingPrerequisiteException.RequireOnPath("influxd", "influxdb");
        // The RPC port (backup/restore) is not used, but influxd binds it anyway: keep it on loopback, on a free port.
        var config = string.Format(CultureInfo.InvariantCulture, ConfigTemplate,
            FreePort.Next(), Path.Combine(DataDirectory, "meta"), Path.Combine(DataDirectory, "data"),
            Path.Combine(DataDirectory, "wal"), Port, AuthEnabled ? "true" : "false");
        return File.WriteAllTextAsync(ConfigFile, config, cancellationToken);
    }

    protected override ManagedProcessOptions CreateProcessOptions(string logFile, Action<string>? onOutputLine) => new()
    {
        Name = Name,
        FileName = MissingPrerequisiteException.RequireOnPath("influxd", "influxdb"),
        Arguments = ["run", "-config", ConfigFile],
        LogFile = logFile,
        OnOutputLine = onOutputLine,
    };

    protected override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(Url, "/ping"), cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    // Usage reporting stays off: upstream spells it "reporting-disabled", Debian's build "reporting-enabled", and each
    // ignores the other's key. influxd logs to stderr by default, which ManagedProcess captures.
    private const string ConfigTemplate = """
        reporting-disabled = true
        reporting-enabled = false
        bind-address = "127.0.0.1:{0}"

        [meta]
          dir = "{1}"

        [data]
          dir = "{2}"
          wal-dir = "{3}"
          query-log-enabled = false

        [monitor]
          store-enabled = false

        [http]
          enabled = true
          bind-address = "127.0.0.1:{4}"
          auth-enabled = {5}
          log-enabled = false

        [logging]
          suppress-logo = true

        """;
}
