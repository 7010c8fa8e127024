using System.Net;
using System.Text.RegularExpressions;

namespace OpsCenter.Simulators.Snapshots;

/// <summary>
/// Serves the fleet cameras' snapshots on loopback (<c>GET /snap/{deviceId}/{unixSeconds}.png</c>), so the demo's
/// camera events carry pictures the Server can fetch (its <c>Snapshots:AllowedHosts</c> must name this host:port).
/// </summary>
internal sealed partial class SnapshotServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public SnapshotServer(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}/snap/";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Camera events' <c>snapshotUrl</c> starts with this.</summary>
    public string BaseUrl { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            var match = SnapPath().Match(context.Request.Url?.AbsolutePath ?? "");
            if (context.Request.HttpMethod != "GET" || !match.Success)
            {
                response.StatusCode = 404;
                continue;
            }
            var png = SyntheticSnapshot.Png(match.Groups["device"].Value, long.Parse(match.Groups["ts"].Value, System.Globalization.CultureInfo.InvariantCulture));
            response.ContentType = "image/png";
            response.ContentLength64 = png.Length;
            await response.OutputStream.WriteAsync(png);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    [GeneratedRegex(@"^/snap/(?<device>[A-Za-z0-9_-]{1,64})/(?<ts>\d{1,12})\.png$")]
    private static partial Regex SnapPath();
}
