using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

/// <summary>
/// Writes batches of line protocol and returns only when InfluxDB has accepted them: callers acknowledge device
/// messages after this, never before.
/// </summary>
/// <remarks>
/// A <see cref="LineBatch"/> is posted as it is, on the endpoint and with the credentials InfluxDB.Client would
/// use (<c>/api/v2/write</c>, <c>Token …</c>; on 1.0–1.7 through <see cref="V1WriteShimHandler"/>): the client only
/// takes strings, which it joins into one string and encodes again — for 5,000 points a few MB of large-object heap per
/// batch on Ingest's hot path (measured in bench/, docs/benchmarks.md).
/// </remarks>
public sealed class PointWriter : IDisposable
{
    private static readonly MediaTypeHeaderValue LineProtocolType = MediaTypeHeaderValue.Parse("text/plain; charset=utf-8");
    private readonly InfluxOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly AuthenticationHeaderValue? _authorization;

    public PointWriter(IOptions<InfluxOptions> options)
    {
        _options = options.Value;
        _http = TimeSeriesExtensions.CreateHttpClient(_options);
        _writeUri = WriteUri(_options.EffectiveBucket);
        _authorization = TimeSeriesExtensions.Token(_options) is { } token ? new AuthenticationHeaderValue("Token", token) : null;
    }

    public async Task WriteAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        using var batch = LineBatch.From(lines);
        await PostAsync(batch, _writeUri, cancellationToken);
    }

    /// <summary>Into another retention policy of the same database (1.x's <c>db/rp</c> bucket form; on 2.x a DBRP-mapped bucket of that name).</summary>
    public async Task WriteAsync(IEnumerable<string> lines, string retentionPolicy, CancellationToken cancellationToken)
    {
        using var batch = LineBatch.From(lines);
        await PostAsync(batch, WriteUri($"{_options.Database}/{retentionPolicy}"), cancellationToken);
    }

    /// <summary>Posts the batch's body; throws <see cref="InfluxWriteException"/> when InfluxDB answers but does not store.</summary>
    public Task WriteAsync(LineBatch lines, CancellationToken cancellationToken) => PostAsync(lines, _writeUri, cancellationToken);

    public void Dispose() => _http.Dispose();

    private Uri WriteUri(string bucket)
    {
        var org = Uri.EscapeDataString(_options.Org ?? "-");
        return new Uri($"{_options.Url.TrimEnd('/')}/api/v2/write?org={org}&bucket={Uri.EscapeDataString(bucket)}&precision=ns");
    }

    private async Task PostAsync(LineBatch lines, Uri uri, CancellationToken cancellationToken)
    {
        using var held = lines.Hold(); // a write given up on as slow may still be sending it
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ReadOnlyMemoryContent(held.Body) };
        request.Content.Headers.ContentType = LineProtocolType;
        request.Headers.Authorization = _authorization;
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InfluxWriteException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
