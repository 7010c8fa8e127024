namespace OpsCenter.Server.Notifications;

/// <summary>The incident events a webhook can subscribe to.</summary>
public static class NotificationEvents
{
    public const string Opened = "opened";
    public const string Escalated = "escalated";
    public const string Reopened = "reopened";

    public static readonly IReadOnlyList<string> All = [Opened, Escalated, Reopened];
}
