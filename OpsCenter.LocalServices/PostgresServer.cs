using System.Security.Cryptography;

namespace OpsCenter.LocalServices;

/// <summary>
/// PostgreSQL 15 (Debian's <c>postgresql-15</c>) with one cluster per data folder: user <c>opscenter</c> with a generated
/// password over TCP, database <c>opscenter</c>. An initialised folder is reused as is.
/// </summary>
public sealed class PostgresServer(LocalServerOptions? options = null) : LocalServer("postgres", options ?? new())
{
    public const string UserName = "opscenter";
    public const string DatabaseName = "opscenter";

    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string Package = "postgresql";
    // initdb and postgres refuse to run as root; when we are root they run as the package's own user.
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private string? _password;

    /// <summary>Npgsql connection string for database <c>opscenter</c> over TCP.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username={UserName};Password={_password};Database={DatabaseName}";

    public string ClusterDirectory => Path.Combine(DataDirectory, "cluster");

    private string SocketDirectory => Path.Combine(DataDirectory, "socket");

    private string PasswordFile => Path.Combine(DataDirectory, "password");

    /// <summary>Creates a server and starts it; disposes it if it does not come up.</summary>
    public static Task<PostgresServer> StartNewAsync(LocalServerOptions? options = null, CancellationToken cancellationToken = default) =>
        StartOrDisposeAsync(new PostgresServer(options), cancellationToken);

    /// <summary>Runs SQL through psql (over the Unix socket, as <c>opscenter</c>) and returns its unaligned output.</summary>
    public async Task<string> RunSqlAsync(string sql, string database = DatabaseName, CancellationToken cancellationToken = default)
    {
        var result = await OneShotCommand.RunAsync(Binary("psql"),
            ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", SocketDirectory, "-p", $"{Port}", "-U", UserName,
             "-d", database, "-c", sql],
            runAsUser: null, CommandTimeout, cancellationToken);
        return result.Succeeded ? result.Output : throw new InvalidOperationException($"psql failed: {result.Output}");
    }

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Binary("postgres");
        await RequireReachableAsync(cancellationToken);
        Directory.CreateDirectory(SocketDirectory);
        if (File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            _password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken)).Trim();
            await GiveToServiceUserAsync(SocketDirectory, cancellationToken);
            return;
        }
        _password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        await File.WriteAllTextAsync(PasswordFile, _password + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        Directory.CreateDirectory(ClusterDirectory);
        foreach (var path in new[] { ClusterDirectory, SocketDirectory, PasswordFile })
        {
            await GiveToServiceUserAsync(path, cancellationToken);
        }
        var initdb = await OneShotCommand.RunAsync(Binary("initdb"),
            ["-D", ClusterDirectory, "-U", UserName, "--auth-local=trust", "--auth-host=scram-sha-256",
             $"--pwfile={PasswordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions", .. ThrowawayInitOptions],
            ServiceUser, CommandTimeout, cancellationToken);
        if (!initdb.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed for {ClusterDirectory}:\n{initdb.Output}");
        }
    }

    protected override ManagedProcessOptions CreateProcessOptions(string logFile, Action<string>? onOutputLine) => new()
    {
        Name = Name,
        FileName = Binary("postgres"),
        Arguments = ["-D", ClusterDirectory, "-p", $"{Port}", "-k", SocketDirectory, "-c", "listen_addresses=127.0.0.1",
                     .. ThrowawayServerOptions],
        LogFile = logFile,
        OnOutputLine = onOutputLine,
        RunAsUser = ServiceUser,
        StopSignal = StopSignal.Interrupt,
    };

    protected override async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var probe = await OneShotCommand.RunAsync(Binary("pg_isready"), ["-q", "-h", "127.0.0.1", "-p", $"{Port}"],
            runAsUser: null, CommandTimeout, cancellationToken);
        return probe.Succeeded;
    }

    protected override async Task OnReadyAsync(CancellationToken cancellationToken)
    {
        var exists = await RunSqlAsync($"select 1 from pg_database where datname = '{DatabaseName}'", "postgres", cancellationToken);
        if (exists != "1")
        {
            await RunSqlAsync($"create database {DatabaseName}", "postgres", cancellationToken);
        }
    }

    // A throw-away cluster only has to survive process crashes (the OS keeps written pages), not power cuts: skipping
    // fsync makes initdb and tests several times faster on busy disks. synchronous_commit stays on: with it off, a
    // commit still in WAL buffers is lost when a test kills the server.
    private string[] ThrowawayInitOptions => IsThrowaway ? ["--no-sync"] : [];

    private string[] ThrowawayServerOptions => IsThrowaway ? ["-c", "fsync=off"] : [];

    private static string Binary(string name) =>
        MissingPrerequisiteException.RequireFile(Path.Combine(BinDirectory, name), Package);

    /// <summary>A data folder under a private one (e.g. /root, mode 0700) is out of reach for user postgres: say so.</summary>
    private async Task RequireReachableAsync(CancellationToken cancellationToken)
    {
        if (!NativeMethods.IsRoot)
        {
            return;
        }
        var probe = await OneShotCommand.RunAsync("/usr/bin/test", ["-x", DataDirectory], ServiceUser, CommandTimeout, cancellationToken);
        if (!probe.Succeeded)
        {
            var closed = DataDirectory;
            for (var folder = new DirectoryInfo(DataDirectory); folder is not null; folder = folder.Parent)
            {
                if (!OperatingSystem.IsWindows() && !folder.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
                {
                    closed = folder.FullName; // keep climbing: the topmost closed folder is the one to name
                }
            }
            throw new InvalidOperationException(
                $"PostgreSQL runs as user '{ServiceUser}', which cannot enter {DataDirectory} ({closed} is private). " +
                "Choose a data folder elsewhere " +
                "(e.g. --data /var/lib/opscenter) or let others pass through that folder (chmod o+x).");
        }
    }

    private static async Task GiveToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!NativeMethods.IsRoot)
        {
            return;
        }
        var chown = await OneShotCommand.RunAsync("/bin/chown", ["-R", $"{ServiceUser}:{ServiceUser}", path],
            runAsUser: null, CommandTimeout, cancellationToken);
        if (!chown.Succeeded)
        {
            throw new InvalidOperationException($"chown {path} failed: {chown.Output}");
        }
    }
}
