using OpsCenter.Broker.DeviceAccess;

namespace OpsCenter.Broker;

/// <summary>
/// An explicit entry point in our namespace, not top-level statements: those make a global <c>Program</c> that would
/// clash with the Server's in test projects that host both.
/// </summary>
public static class BrokerProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (CredentialsCommand.Handles(args))
            return await CredentialsCommand.RunAsync(args, Console.Out);

        await using var app = BrokerApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
