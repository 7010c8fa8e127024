using OpsCenter.Contracts.Inventory;
using OpsCenter.Server.Incidents;

namespace OpsCenter.Server.Notifications;

/// <summary>What an admin posts to add a webhook. Empty or missing filters mean "all".</summary>
public sealed record WebhookRequest(
    string? Name, string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Severities, IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? Categories)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Field → problems; empty when the request makes a valid webhook.</summary>
    public Dictionary<string, string[]> Validate(CityInventory city)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 100)
            errors["name"] = ["1-100 characters"];
        if (string.IsNullOrWhiteSpace(Url) || Url.Length > MaxUrlLength || !Uri.TryCreate(Url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors["url"] = [$"an absolute http or https URL of at most {MaxUrlLength} characters"];
        if (Events is null || Events.Count == 0)
            errors["events"] = [$"at least one of {string.Join(", ", NotificationEvents.All)}"];
        Check(errors, "events", Events, NotificationEvents.All);
        Check(errors, "severities", Severities, IncidentSeverities.All);
        Check(errors, "categories", Categories, IncidentCategories.All);
        Check(errors, "areas", Areas, [.. city.Areas.Select(a => a.Id)]);
        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? given, IReadOnlyCollection<string> allowed)
    {
        if (given?.FirstOrDefault(g => !allowed.Contains(g)) is { } unknown)
            errors[field] = [$"'{unknown}' is not one of {string.Join(", ", allowed)}"];
    }
}

/// <summary>
/// A webhook as the API shows it: the URL only as its origin (scheme, host, port), because paths and query strings of
/// webhook URLs often are the secret (chat and paging services put their tokens there).
/// </summary>
public sealed record WebhookView(
    long Id, string Name, string Target, IReadOnlyList<string> Events, IReadOnlyList<string>? Severities, IReadOnlyList<string>? Areas,
    IReadOnlyList<string>? Categories, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>One delivery's state: what the console or an admin checks when a receiver says it got nothing.</summary>
public sealed record DeliveryView(
    long Id, Guid EventId, long WebhookId, long IncidentId, string Event, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? DeliveredAt);
