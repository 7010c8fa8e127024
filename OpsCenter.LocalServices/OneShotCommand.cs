using System.Diagnostics;

namespace OpsCenter.LocalServices;

/// <summary>Runs a short command (initdb, psql, chown) to completion, bounded by a timeout.</summary>
internal static class OneShotCommand
{
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string? runAsUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (runAsUser is not null && NativeMethods.IsRoot)
        {
            info.FileName = MissingPrerequisiteException.RequireOnPath("setpriv", "util-linux");
            foreach (var option in new[] { $"--reuid={runAsUser}", $"--regid={runAsUser}", "--init-groups", "--" })
            {
                info.ArgumentList.Add(option);
            }
            info.ArgumentList.Add(fileName);
        }
        else
        {
            info.FileName = fileName;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }
}
