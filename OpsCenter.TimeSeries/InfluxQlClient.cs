using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

/// <summary>
/// Reads with InfluxQL over <c>/query</c>, which every generation answers (1.x natively, 2.x through a DBRP mapping,
/// 3.x natively). InfluxDB.Client 5.1 has no InfluxQL API and Flux runs on none of our servers, hence this small client.
/// </summary>
public sealed class InfluxQlClient(HttpClient http, IOptions<InfluxOptions> options)
{
    private readonly InfluxOptions _options = options.Value;

    public async Task<InfluxQlResponse> QueryAsync(string influxQl, CancellationToken cancellationToken = default, bool usesDatabase = true)
    {
        var form = new Dictionary<string, string> { ["q"] = influxQl, ["epoch"] = "ns" };
        if (usesDatabase)
        {
            form["db"] = _options.Database;
            form["rp"] = _options.RetentionPolicy;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "query")) { Content = new FormUrlEncodedContent(form) };
        AddCredentials(request);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<InfluxQlResponse>(cancellationToken)
            ?? throw new InfluxQlException($"InfluxDB answered {(int)response.StatusCode} with an empty body.");
        var error = body.Error ?? body.Results.FirstOrDefault(r => r.Error is not null)?.Error;
        if (!response.IsSuccessStatusCode || error is not null)
            throw new InfluxQlException($"InfluxQL '{influxQl}' failed ({(int)response.StatusCode}): {error}");
        return body;
    }

    /// <summary>All series of the first statement (what most callers want).</summary>
    public async Task<IReadOnlyList<InfluxQlSeries>> SeriesAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync(influxQl, cancellationToken);
        return response.Results.Count == 0 ? [] : response.Results[0].Series;
    }

    /// <summary>True when the server answers <c>/ping</c> (204 on 1.x/2.x, 200 on 3.x).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(BaseUri, "ping"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private Uri BaseUri => new(_options.Url.TrimEnd('/') + "/");

    /// <summary>
    /// 1.x takes user and password as Basic auth or as <c>u</c>/<c>p</c> in the URL, never in a form body (1.6.7 answers
    /// 401 "unable to parse authentication credentials"); Basic keeps the password out of URLs and logs.
    /// </summary>
    private void AddCredentials(HttpRequestMessage request)
    {
        if (_options.ServerGeneration is InfluxServerGeneration.V1Legacy or InfluxServerGeneration.V1 && !string.IsNullOrEmpty(_options.Username))
        {
            var pair = System.Text.Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }
        else if (_options.ServerGeneration is InfluxServerGeneration.V2 or InfluxServerGeneration.V3 && !string.IsNullOrEmpty(_options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", _options.Token);
        }
    }
}
