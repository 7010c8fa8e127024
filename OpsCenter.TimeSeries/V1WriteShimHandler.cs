using System.Web;

namespace OpsCenter.TimeSeries;

/// <summary>
/// InfluxDB before 1.8 has no <c>/api/v2/write</c>. InfluxDB.Client only speaks v2, so this handler turns its
/// <c>POST /api/v2/write?bucket=db/rp&amp;precision=ns</c> into the 1.x <c>POST /write?db=&amp;rp=&amp;precision=n</c>,
/// and its <c>Token user:password</c> header into 1.x query credentials. The body (line protocol) is the same.
/// </summary>
public sealed class V1WriteShimHandler : DelegatingHandler
{
    public V1WriteShimHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is not null && uri.AbsolutePath.EndsWith("/api/v2/write", StringComparison.Ordinal))
            request.RequestUri = MapWriteUri(uri, request);
        return base.SendAsync(request, cancellationToken);
    }

    internal static Uri MapWriteUri(Uri v2Uri, HttpRequestMessage? request = null)
    {
        var query = HttpUtility.ParseQueryString(v2Uri.Query);
        var bucket = query["bucket"] ?? string.Empty;
        var slash = bucket.IndexOf('/', StringComparison.Ordinal);
        var db = slash < 0 ? bucket : bucket[..slash];
        var rp = slash < 0 ? string.Empty : bucket[(slash + 1)..];

        var v1 = HttpUtility.ParseQueryString(string.Empty);
        v1["db"] = db;
        if (rp.Length > 0)
            v1["rp"] = rp;
        v1["precision"] = query["precision"] switch
        {
            "ns" or null => "n",
            "us" => "u",
            var other => other,
        };

        // 1.x reads credentials from u/p; the v2 client sends them as "Token user:password".
        var auth = request?.Headers.Authorization;
        if (auth is { Scheme: "Token", Parameter: { } p } && p.Contains(':', StringComparison.Ordinal))
        {
            var colon = p.IndexOf(':', StringComparison.Ordinal);
            v1["u"] = p[..colon];
            v1["p"] = p[(colon + 1)..];
            request!.Headers.Authorization = null;
        }

        var path = v2Uri.AbsolutePath[..^"/api/v2/write".Length] + "/write";
        return new UriBuilder(v2Uri) { Path = path, Query = v1.ToString() }.Uri;
    }
}
