using Microsoft.Extensions.Options;
using OpsCenter.Contracts.Inventory;

namespace OpsCenter.Server.Incidents;

/// <summary>A fetched picture, or why there is none (status code and a message for the console).</summary>
public sealed record SnapshotResult(byte[]? Bytes, string? ContentType, int Status, string? Problem)
{
    public static SnapshotResult Refused(int status, string problem) => new(null, null, status, problem);
}

/// <summary>
/// Fetches a camera event's snapshot for the console, so browsers never reach field networks and the Server is not an
/// open proxy: only from allowed hosts (settings, or the camera's <c>snapshotHost</c> attribute), http(s) only, no
/// redirects, image types only, at most <see cref="SnapshotOptions.MaxBytes"/> read, all within the timeout. Logs name
/// the host and path, never the query string (it often carries an NVR token).
/// </summary>
public sealed partial class SnapshotFetcher(
    IHttpClientFactory httpClients, IOptions<SnapshotOptions> options, CityInventory inventory, ILogger<SnapshotFetcher> logger)
{
    public const string HttpClientName = "snapshots";
    public static readonly IReadOnlyList<string> ImageTypes = ["image/jpeg", "image/png", "image/webp"];

    public async Task<SnapshotResult> FetchAsync(string? url, string sourceId, CancellationToken cancellationToken)
    {
        if (url is null)
            return SnapshotResult.Refused(StatusCodes.Status404NotFound, "This incident has no snapshot.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return SnapshotResult.Refused(StatusCodes.Status400BadRequest, "The snapshot URL is not an absolute http(s) URL.");
        if (!IsAllowed(uri, sourceId))
        {
            LogRefusedHost(logger, uri.Host, sourceId);
            return SnapshotResult.Refused(StatusCodes.Status403Forbidden, $"Snapshots are not fetched from host '{uri.Host}': it is not in Snapshots:AllowedHosts nor the camera's snapshotHost.");
        }

        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return Upstream(uri, $"The camera's server answered {(int)response.StatusCode}; redirects are not followed.");
            var type = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();
            if (type is null || !ImageTypes.Contains(type))
                return Upstream(uri, $"The camera's server sent '{type ?? "no type"}', not one of {string.Join(", ", ImageTypes)}.");
            if (response.Content.Headers.ContentLength > settings.MaxBytes)
                return Upstream(uri, $"The snapshot is larger than {settings.MaxBytes} bytes.");

            // Content-Length can lie or be absent: read at most one byte past the cap.
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, timeout.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > settings.MaxBytes)
                    return Upstream(uri, $"The snapshot is larger than {settings.MaxBytes} bytes.");
            }
            return new SnapshotResult(buffer.ToArray(), type, StatusCodes.Status200OK, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(logger, uri.Host, uri.AbsolutePath, "timeout");
            return SnapshotResult.Refused(StatusCodes.Status504GatewayTimeout, $"The camera's server did not deliver the snapshot within {settings.TimeoutSeconds} s.");
        }
        catch (HttpRequestException ex)
        {
            return Upstream(uri, $"The camera's server could not be reached ({ex.HttpRequestError}).");
        }
    }

    private bool IsAllowed(Uri uri, string sourceId)
    {
        bool Matches(string? allowed) =>
            !string.IsNullOrWhiteSpace(allowed)
            && (string.Equals(allowed, uri.Host, StringComparison.OrdinalIgnoreCase) || string.Equals(allowed, uri.Authority, StringComparison.OrdinalIgnoreCase));
        if (options.Value.AllowedHosts.Any(Matches))
            return true;
        var device = inventory.Devices.FirstOrDefault(d => d.Id == sourceId);
        return device is not null && device.Attributes.TryGetValue(DeviceAttributes.SnapshotHost, out var host) && Matches(host);
    }

    private SnapshotResult Upstream(Uri uri, string problem)
    {
        LogFetchFailed(logger, uri.Host, uri.AbsolutePath, problem);
        return SnapshotResult.Refused(StatusCodes.Status502BadGateway, problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to fetch a snapshot of {SourceId} from host {Host}: not allowed.")]
    private static partial void LogRefusedHost(ILogger logger, string host, string sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot from {Host}{Path} not delivered: {Problem}")]
    private static partial void LogFetchFailed(ILogger logger, string host, string path, string problem);
}
