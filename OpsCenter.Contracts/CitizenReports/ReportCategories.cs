namespace OpsCenter.Contracts.CitizenReports;

/// <summary>The categories a citizen field report may carry (telemetry contract, "Outside MQTT").</summary>
public static class ReportCategories
{
    public const string Traffic = "traffic";
    public const string Environment = "environment";
    public const string UrbanOrder = "urbanOrder";
    public const string Infrastructure = "infrastructure";
    public const string Security = "security";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Traffic, Environment, UrbanOrder, Infrastructure, Security, Other];
}
