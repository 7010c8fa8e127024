using System.CommandLine;

namespace OpsCenter.Tests.Shared;

// In its own folder: the projects that take every tests/Shared/*.cs do not reference System.CommandLine.

/// <summary>A command line run in-process with its output captured: what a user would see, without a child process.</summary>
public sealed record CommandInvocation(int ExitCode, string Output, string Error)
{
    public static async Task<CommandInvocation> RunAsync(Command command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // No signal handling: a test host's Ctrl-C is not the command's.
        var exitCode = await command.Parse(args).InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken);
        return new CommandInvocation(exitCode, output.ToString(), error.ToString());
    }
}
