using System.Text.Json.Serialization;
using OpsCenter.Server.Persistence;

namespace OpsCenter.Server.Incidents;

/// <summary>An <c>incident_events</c> row: one entry of an incident's audit trail, as the API shows it.</summary>
public sealed class IncidentEventRow
{
    public long Id { get; init; }
    public long IncidentId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? FromStatus { get; init; }
    public string? ToStatus { get; init; }
    public string? Note { get; init; }

    [JsonIgnore]
    public Jsonb? Detail { get; init; }

    [JsonPropertyName("detail")]
    public IReadOnlyDictionary<string, string?>? DetailValues => Detail?.Deserialize<Dictionary<string, string?>>();
}
