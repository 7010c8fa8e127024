using System.Net;
using System.Net.Sockets;

namespace OpsCenter.LocalServices;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out for port 0 comes from that
    // range, and once released it can be taken at any moment as the source port of some outgoing connection (tests make
    // thousands), so a server started on it a second later fails with "address already in use". Ports picked at random
    // from this band are never used as source ports, and a port is never handed out twice by one process.
    private const int BandStart = 20_000;
    private const int BandEnd = 32_000;
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port free now (not reserved), outside the ephemeral range, not handed out before by this process.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var port = Random.Shared.Next(BandStart, BandEnd);
                if (HandedOut.Contains(port) || !CanListenOn(port))
                    continue;
                HandedOut.Add(port);
                return port;
            }
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool CanListenOn(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
