using OpsCenter.ServiceDefaults;

namespace OpsCenter.Server.Notifications;

public static class NotificationsExtensions
{
    /// <summary>Webhook configuration, the outbox's delivery queue and the background sender.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<NotificationsOptions>(NotificationsOptions.Section);
        services.AddCityInventory();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<NotificationSender>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationSender>());
        // No redirects (a receiver's redirect is not where the admin pointed us), no cookies, and no HttpClient
        // logging: its request lines carry the URL, whose path or query is often the webhook's secret.
        services.AddHttpClient(NotificationSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        return builder;
    }
}
