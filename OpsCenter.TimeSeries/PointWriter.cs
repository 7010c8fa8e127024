using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using Microsoft.Extensions.Options;

namespace OpsCenter.TimeSeries;

/// <summary>
/// Writes batches of line protocol through InfluxDB.Client's write API and returns only when InfluxDB has accepted
/// them: callers acknowledge device messages after this, never before.
/// </summary>
public sealed class PointWriter(InfluxDBClient client, IOptions<InfluxOptions> options)
{
    private readonly WriteApiAsync _writeApi = client.GetWriteApiAsync();
    private readonly InfluxOptions _options = options.Value;

    public Task WriteAsync(IEnumerable<string> lines, CancellationToken cancellationToken) =>
        _writeApi.WriteRecordsAsync(lines, WritePrecision.Ns, _options.EffectiveBucket, _options.Org ?? "-", cancellationToken);

    /// <summary>Into another retention policy of the same database (1.x's <c>db/rp</c> bucket form; on 2.x a DBRP-mapped bucket of that name).</summary>
    public Task WriteAsync(IEnumerable<string> lines, string retentionPolicy, CancellationToken cancellationToken) =>
        _writeApi.WriteRecordsAsync(lines.ToList(), WritePrecision.Ns, $"{_options.Database}/{retentionPolicy}", _options.Org ?? "-", cancellationToken);
}
