using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Notifications;

/// <summary>Settings section <c>Notifications</c>: how the outbox sender delivers webhooks.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Off: this Server writes deliveries into the outbox but sends none (another Server, or a later start, does).</summary>
    public bool SenderEnabled { get; set; } = true;

    [Range(50, 60_000, ErrorMessage = "Notifications:PollMilliseconds must be between 50 and 60000.")]
    public int PollMilliseconds { get; set; } = 1000;

    [Range(1, 60, ErrorMessage = "Notifications:TimeoutSeconds must be between 1 and 60.")]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(1, 3600, ErrorMessage = "Notifications:RetryBaseSeconds must be between 1 and 3600.")]
    public int RetryBaseSeconds { get; set; } = 5;

    [Range(1, 86_400, ErrorMessage = "Notifications:MaxRetryDelaySeconds must be between 1 and 86400.")]
    public int MaxRetryDelaySeconds { get; set; } = 600;

    /// <summary>After this many failed attempts a delivery is marked <c>failed</c> and no longer sent.</summary>
    [Range(1, 100, ErrorMessage = "Notifications:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 12;

    [Range(1, 500, ErrorMessage = "Notifications:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed delivery is left to its sender before another may send it again.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(TimeoutSeconds * 3);

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelaySeconds, RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
