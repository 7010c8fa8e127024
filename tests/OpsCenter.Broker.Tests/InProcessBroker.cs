using System.Globalization;
using Microsoft.AspNetCore.Builder;
using OpsCenter.LocalServices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Broker.Tests;

/// <summary>The broker app started in this process on a free HTTP port, without device sign-in (the Server's broker ACL tests cover that).</summary>
internal static class InProcessBroker
{
    public static async Task<WebApplication> StartAsync(string folder, int port, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["Broker:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Broker:RequireDeviceCredentials"] = "false",
            ["Inventory:Path"] = TestCity.WriteTo(folder, TestCity.Create(camerasPerArea: 1)),
        };
        var app = BrokerApp.Build(["--urls", $"http://127.0.0.1:{FreePort.Next()}"], all);
        await app.StartAsync();
        return app;
    }
}
