using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsCenter.TimeSeries;

/// <summary>The JSON <c>/query</c> answers with, the same on 1.x, 2.x (DBRP) and 3.x.</summary>
public sealed record InfluxQlResponse
{
    [JsonPropertyName("results")]
    public List<InfluxQlStatementResult> Results { get; init; } = [];

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

public sealed record InfluxQlStatementResult
{
    [JsonPropertyName("statement_id")]
    public int StatementId { get; init; }

    [JsonPropertyName("series")]
    public List<InfluxQlSeries> Series { get; init; } = [];

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

public sealed record InfluxQlSeries
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; init; }

    [JsonPropertyName("columns")]
    public List<string> Columns { get; init; } = [];

    [JsonPropertyName("values")]
    public List<List<JsonElement>> Values { get; init; } = [];

    /// <summary>Rows as column-name → value, for readable callers.</summary>
    public IEnumerable<IReadOnlyDictionary<string, JsonElement>> Rows()
    {
        foreach (var row in Values)
        {
            var map = new Dictionary<string, JsonElement>(Columns.Count);
            for (var i = 0; i < Columns.Count && i < row.Count; i++)
                map[Columns[i]] = row[i];
            yield return map;
        }
    }
}

public sealed class InfluxQlException(string message) : Exception(message);
