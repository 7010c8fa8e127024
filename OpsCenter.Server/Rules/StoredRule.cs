namespace OpsCenter.Server.Rules;

/// <summary>A rule as the API shows it: the definition and who changed it last.</summary>
public sealed record StoredRule(RuleDefinition Rule, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);
