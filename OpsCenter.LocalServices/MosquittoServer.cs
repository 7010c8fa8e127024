using System.Text;

namespace OpsCenter.LocalServices;

/// <summary>Mosquitto 2 (Debian's <c>mosquitto</c>) with one listener on loopback and persistence in its data folder.</summary>
public sealed class MosquittoServer : LocalServer
{
    private readonly MosquittoOptions _options;

    public MosquittoServer(MosquittoOptions? options = null)
        : base("mosquitto", options ?? new())
    {
        _options = options ?? new();
    }

    public string Host => "127.0.0.1";

    private string ConfigFile => Path.Combine(DataDirectory, "mosquitto.conf");

    /// <summary>Creates a server and starts it; disposes it if it does not come up.</summary>
    public static Task<MosquittoServer> StartNewAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default) =>
        StartOrDisposeAsync(new MosquittoServer(options), cancellationToken);

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        MissingPrerequisiteException.RequireOnPath("mosquitto", "mosquitto");
        var persistence = Directory.CreateDirectory(Path.Combine(DataDirectory, "persistence")).FullName;
        var config = new StringBuilder()
            // Started as root, mosquitto 2 switches to user "mosquitto", which cannot write a data folder we created.
            // It is a loopback-only child of this run, so it keeps our identity (ignored when we are not root).
            .AppendLine("user root")
            .AppendLine($"listener {Port} {Host}")
            .AppendLine($"allow_anonymous {(_options.AllowAnonymous ? "true" : "false")}")
            .AppendLine("persistence true")
            .AppendLine($"persistence_location {persistence}/")
            // Past this many queued QoS 1/2 messages for one client mosquitto drops new ones silently (its default, 1000,
            // loses a burst to a slow subscriber). The embedded broker's own limit (Broker:MaxPendingMessagesPerClient).
            .AppendLine("max_queued_messages 1000000")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information");
        if (_options.PasswordFile is { } passwords)
        {
            config.AppendLine($"password_file {Path.GetFullPath(passwords)}");
        }
        if (_options.AclFile is { } acl)
        {
            config.AppendLine($"acl_file {Path.GetFullPath(acl)}");
        }
        return File.WriteAllTextAsync(ConfigFile, config.ToString(), cancellationToken);
    }

    protected override ManagedProcessOptions CreateProcessOptions(string logFile, Action<string>? onOutputLine) => new()
    {
        Name = Name,
        FileName = MissingPrerequisiteException.RequireOnPath("mosquitto", "mosquitto"),
        Arguments = ["-c", ConfigFile],
        LogFile = logFile,
        OnOutputLine = onOutputLine,
    };

    protected override Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        FreePort.AcceptsConnectionsAsync(Port, cancellationToken);
}
