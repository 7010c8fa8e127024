using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpsCenter.Server.Notifications;

/// <summary>
/// Delivers the outbox: every <see cref="NotificationsOptions.PollMilliseconds"/> it claims the due deliveries and
/// POSTs each to its webhook with the event id as <c>Idempotency-Key</c>. A 2xx is delivered; anything else is
/// retried with exponential back-off until <see cref="NotificationsOptions.MaxAttempts"/>, then marked failed. Runs
/// on every Server; the claim keeps them from sending one row twice at once. Logs name the webhook and the URL's host,
/// never its path or query (where webhook secrets live).
/// </summary>
public sealed partial class NotificationSender(
    DeliveryQueue queue, IHttpClientFactory httpClients, IOptions<NotificationsOptions> options, ILogger<NotificationSender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.SenderEnabled)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.PollMilliseconds));
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == settings.BatchSize)
                {
                    // A full batch: more may be due right now.
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // PostgreSQL away for a moment: nothing is lost (the rows wait in the outbox); try on the next tick.
                LogPollFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <returns>How many deliveries were attempted.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await queue.ClaimDueAsync(settings.BatchSize, settings.Lease, cancellationToken);
        foreach (var delivery in due)
            await SendAsync(delivery, settings, cancellationToken);
        return due.Count;
    }

    private async Task SendAsync(ClaimedDelivery delivery, NotificationsOptions settings, CancellationToken cancellationToken)
    {
        var host = Uri.TryCreate(delivery.Url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid)";
        int? status = null;
        string error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(delivery.Payload.Json, MediaTypeHeaderValue.Parse("application/json; charset=utf-8")),
            };
            request.Headers.Add("Idempotency-Key", delivery.EventId.ToString());
            request.Headers.Add("X-OpsCenter-Event", delivery.Event);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await queue.MarkDeliveredAsync(delivery.Id, status.Value, CancellationToken.None);
                return;
            }
            error = $"The receiver answered {status}.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"No answer within {settings.TimeoutSeconds} s.";
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can quote the URL; its error code cannot.
            error = $"Could not reach the receiver ({ex.HttpRequestError}).";
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or ArgumentException)
        {
            error = $"The webhook URL cannot be used ({ex.GetType().Name}).";
        }
        var retryAfter = delivery.Attempts >= settings.MaxAttempts ? (TimeSpan?)null : settings.RetryDelay(delivery.Attempts);
        LogDeliveryFailed(logger, delivery.Event, delivery.EventId, delivery.WebhookId, delivery.WebhookName, host, delivery.Attempts, error,
            retryAfter is null ? "giving up" : $"retrying in {retryAfter.Value.TotalSeconds:0} s");
        await queue.MarkFailedAsync(delivery.Id, status, error, retryAfter, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Event} {EventId} to webhook {WebhookId} ({WebhookName}, host {Host}) failed on attempt {Attempt}: {Error}; {Next}")]
    private static partial void LogDeliveryFailed(
        ILogger logger, string @event, Guid eventId, long webhookId, string webhookName, string host, int attempt, string error, string next);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the notification outbox ({Error}: {Message}); trying again shortly")]
    private static partial void LogPollFailed(ILogger logger, string error, string message);
}
