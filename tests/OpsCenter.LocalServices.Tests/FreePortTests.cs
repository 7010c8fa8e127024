using System.Net;
using System.Net.Sockets;

namespace OpsCenter.LocalServices.Tests;

public sealed class FreePortTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Next_returns_a_port_nothing_listens_on_and_that_can_be_bound()
    {
        var port = FreePort.Next();

        Assert.False(await FreePort.AcceptsConnectionsAsync(port, Ct));
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.True(await FreePort.AcceptsConnectionsAsync(port, Ct));
    }
}
