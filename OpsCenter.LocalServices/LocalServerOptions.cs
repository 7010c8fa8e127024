namespace OpsCenter.LocalServices;

/// <summary>Where a local server keeps its data, which port it listens on, where its output goes.</summary>
public class LocalServerOptions
{
    /// <summary>A folder kept across runs (the run command), or null for a throw-away one deleted on dispose (tests).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The loopback port to listen on, or null for a free one.</summary>
    public int? Port { get; init; }

    /// <summary>Called for every line the server prints, e.g. to forward it to the console.</summary>
    public Action<string>? OnOutputLine { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(15);
}
