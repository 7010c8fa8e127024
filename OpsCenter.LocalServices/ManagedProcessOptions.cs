namespace OpsCenter.LocalServices;

/// <summary>The signal <see cref="ManagedProcess.StopAsync"/> sends first; values are Linux signal numbers.</summary>
public enum StopSignal
{
    /// <summary>SIGINT: PostgreSQL's "fast shutdown" (SIGTERM there waits for every client to leave).</summary>
    Interrupt = 2,

    /// <summary>SIGTERM: the usual polite stop.</summary>
    Terminate = 15,
}

/// <summary>What to start and where its output goes.</summary>
public sealed class ManagedProcessOptions
{
    /// <summary>Short name used in log prefixes and error messages.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the executable; it is started directly, never through a shell.</summary>
    public required string FileName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>stdout and stderr both go to this file (appended, so restarts keep earlier runs).</summary>
    public required string LogFile { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Added to (or, with a null value, removed from) the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Called for every output line, e.g. to forward it to the console. Called from thread-pool threads.</summary>
    public Action<string>? OnOutputLine { get; init; }

    public StopSignal StopSignal { get; init; } = StopSignal.Terminate;

    /// <summary>When this process runs as root, run the child as this user instead (e.g. PostgreSQL refuses root).</summary>
    public string? RunAsUser { get; init; }
}
