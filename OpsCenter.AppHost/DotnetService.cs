using System.Runtime.InteropServices;
using OpsCenter.LocalServices;

namespace OpsCenter.AppHost;

/// <summary>One of our own built programs, run as <c>dotnet program.dll</c> from its Release output.</summary>
internal sealed class DotnetService(
    string name,
    string assembly,
    IReadOnlyList<string> arguments,
    IReadOnlyDictionary<string, string?> environment,
    Uri? aliveUrl,
    string logFile,
    ConsoleLog log)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private ManagedProcess? _process;

    public string Name => name;

    /// <summary>Starts the program and waits for its <c>/alive</c>; the returned task completes when it exits.</summary>
    public async Task<Task<int>> StartAsync(CancellationToken cancellationToken)
    {
        await StopAsync();
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is not built; ./run.sh builds it first.");
        }
        _process = await ManagedProcess.StartAsync(new ManagedProcessOptions
        {
            Name = name,
            FileName = DotnetHost(),
            Arguments = [assembly, .. arguments],
            WorkingDirectory = Path.GetDirectoryName(assembly),
            Environment = environment,
            LogFile = logFile,
            OnOutputLine = log.For(name),
        });
        if (aliveUrl is not null)
        {
            await _process.WaitUntilAsync(() => IsAliveAsync(cancellationToken), StartTimeout, cancellationToken);
        }
        return _process.Exited;
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    private async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(aliveUrl, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The dotnet host that runs us: the runtime folder is &lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/.</summary>
    internal static string DotnetHost()
    {
        var runtime = new DirectoryInfo(Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory()));
        var host = Path.Combine(runtime.Parent!.Parent!.Parent!.FullName, "dotnet");
        return File.Exists(host) ? host : MissingPrerequisiteException.RequireOnPath("dotnet", "dotnet-sdk-10.0");
    }
}
