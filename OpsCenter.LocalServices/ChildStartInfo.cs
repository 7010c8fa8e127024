using System.Diagnostics;

namespace OpsCenter.LocalServices;

/// <summary>How a managed child is launched.</summary>
internal static class ChildStartInfo
{
    public static ProcessStartInfo For(ManagedProcessOptions options)
    {
        var executable = File.Exists(options.FileName)
            ? options.FileName
            : throw new FileNotFoundException($"{options.Name}: executable not found", options.FileName);
        // setsid gives the child its own session, so a Ctrl-C in the terminal reaches only the parent, which then stops
        // children in order; setpriv sets the parent-death signal and, if asked, the user. Both exec: the PID we hold
        // is the program's own, and signals reach it directly.
        var info = new ProcessStartInfo(MissingPrerequisiteException.RequireOnPath("setsid", "util-linux"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? Path.GetDirectoryName(Path.GetFullPath(options.LogFile)),
        };
        info.ArgumentList.Add(MissingPrerequisiteException.RequireOnPath("setpriv", "util-linux"));
        if (options.RunAsUser is { } user && NativeMethods.IsRoot)
        {
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
        }
        info.ArgumentList.Add("--pdeathsig=KILL");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(executable);
        foreach (var argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in options.Environment)
        {
            info.Environment[key] = value;
        }
        return info;
    }
}
