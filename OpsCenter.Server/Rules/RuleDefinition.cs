using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Rules;

/// <summary>
/// A rule as admins write it (docs/rules.md): what to watch, when it raises and clears, and what the incident says.
/// Stored as jsonb; <c>kind</c> names the concrete rule. Each kind validates itself, naming the field that is wrong.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ThresholdRule), RuleKinds.Threshold)]
[JsonDerivedType(typeof(OfflineRule), RuleKinds.Offline)]
[JsonDerivedType(typeof(CameraEventRule), RuleKinds.CameraEvent)]
[JsonDerivedType(typeof(OfficeBacklogRule), RuleKinds.OfficeBacklog)]
[JsonDerivedType(typeof(CaseAtRiskRule), RuleKinds.CaseAtRisk)]
public abstract partial record RuleDefinition
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public bool Enabled { get; init; } = true;

    /// <summary>One of <see cref="IncidentSeverities"/>.</summary>
    public string Severity { get; init; } = "";

    /// <summary>One of <see cref="IncidentCategories"/>.</summary>
    public string Category { get; init; } = "";

    /// <summary>The incident's type (<c>congestion</c>, <c>deviceOffline</c>…); camera event rules use the event's type.</summary>
    public string? IncidentType { get; init; }

    [JsonIgnore]
    public abstract string Kind { get; }

    /// <summary>Field name (as in the JSON) → what is wrong with it; empty when the rule can be used.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new RuleErrors();
        if (!IdPattern().IsMatch(Id))
            errors.Add("id", "must be 1–64 characters of A-Z a-z 0-9 _ -");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
            errors.Add("name", "must be 1–200 characters");
        if (!IncidentSeverities.All.Contains(Severity))
            errors.Add("severity", $"must be one of {string.Join(", ", IncidentSeverities.All)}");
        if (!IncidentCategories.All.Contains(Category))
            errors.Add("category", $"must be one of {string.Join(", ", IncidentCategories.All)}");
        if (NeedsIncidentType && (string.IsNullOrWhiteSpace(IncidentType) || IncidentType.Length > 64))
            errors.Add("incidentType", "must be 1–64 characters");
        ValidateOwn(errors);
        return errors.ToDictionary();
    }

    protected virtual bool NeedsIncidentType => true;

    protected abstract void ValidateOwn(RuleErrors errors);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}

public static class RuleKinds
{
    public const string Threshold = "threshold";
    public const string Offline = "offline";
    public const string CameraEvent = "cameraEvent";
    public const string OfficeBacklog = "officeBacklog";
    public const string CaseAtRisk = "caseAtRisk";
    public static readonly IReadOnlyList<string> All = [Threshold, Offline, CameraEvent, OfficeBacklog, CaseAtRisk];
}

/// <summary>Validation messages by field, in the shape <c>TypedResults.ValidationProblem</c> takes.</summary>
public sealed class RuleErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
