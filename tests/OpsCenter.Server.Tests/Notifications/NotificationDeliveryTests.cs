using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsCenter.Server.Incidents;
using OpsCenter.Server.Incidents.Sla;
using OpsCenter.Server.Security;
using OpsCenter.Server.Tests.Incidents;
using OpsCenter.Server.Tests.Kpis;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Server.Tests.Notifications;

/// <summary>
/// Webhook notifications through the real parts: incidents change on the fixture's Server (whose sender is off, as if
/// it stopped right after committing), a second Server started on the same PostgreSQL sends the outbox to a real
/// receiver on loopback. Exactly the subscribed events arrive, each with its event id, without personal data; a
/// delivery committed while no Server sends is delivered by the next one to start; a failing receiver is retried.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class NotificationDeliveryTests(ServerFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    /// <summary>2001, after the SLA tests' days: the escalation job's clock touches no other test's incident.</summary>
    private static readonly DateTimeOffset At = new(2001, 4, 10, 8, 0, 0, TimeSpan.Zero);
    private const string Phone = "0987 654 321";
    private const string Email = "hoa.tran@example.org";

    [Fact]
    public async Task A_receiver_gets_exactly_the_subscribed_events_once_each_with_an_event_id_and_no_personal_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await AddWebhookAsync(receiver.Url, events: ["opened", "escalated", "reopened"], severities: ["critical", "major"],
            areas: ["hongbang"], categories: ["camera", "citizen"]);
        var sink = server.Factory.Services.GetRequiredService<IIncidentSink>();
        var camera = IncidentIntakeTests.Unique("cam");
        await sink.RaiseAsync(Signal(camera, "tamper", IncidentSeverities.Major, IncidentCategories.Camera, "hongbang"), CancellationToken.None);
        // Filtered out: a minor one, another area, another category.
        await sink.RaiseAsync(Signal(IncidentIntakeTests.Unique("cam"), "videoLoss", IncidentSeverities.Minor, IncidentCategories.Camera, "hongbang"), CancellationToken.None);
        await sink.RaiseAsync(Signal(IncidentIntakeTests.Unique("cam"), "tamper", IncidentSeverities.Major, IncidentCategories.Camera, "lechan"), CancellationToken.None);
        await sink.RaiseAsync(Signal(IncidentIntakeTests.Unique("det"), "congestion", IncidentSeverities.Major, IncidentCategories.Traffic, "hongbang"), CancellationToken.None);
        // A citizen's security report in Hồng Bàng (major), with a contact and a phone number in its text.
        var report = $"ntf-{Guid.NewGuid():N}"[..20];
        await SubmitReportAsync(report, $"Có người lạ phá khoá xe, gọi tôi {Phone}");
        // The camera incident misses its acknowledge deadline, is resolved, then reopened.
        var id = (await Store.LoadActiveAsync(camera, "tamper", CancellationToken.None))!.Id;
        await Job(At.AddMinutes(16)).RunAsync(CancellationToken.None);
        await ChangeAsync(id, i => i.Resolve("test-operator", At.AddMinutes(30), null));
        await ChangeAsync(id, i => i.Reopen("test-operator", At.AddMinutes(40), "back again"));
        Assert.Empty(receiver.Requests); // no Server sends yet

        await using (var sender = SendingServer())
        {
            await Eventually.True(async () => (await DeliveriesAsync(webhook)).All(d => d.GetProperty("status").GetString() == "delivered")
                && receiver.Requests.Count >= 4, Patience, "the deliveries");
        }

        var received = receiver.Requests.ToList();
        Assert.Equal(["opened:camera", "opened:citizen", "escalated:camera", "reopened:camera"],
            received.Select(r => $"{r.Event}:{r.Json.GetProperty("incident").GetProperty("category").GetString()}").ToList());
        Assert.Equal(received.Select(r => r.Json.GetProperty("eventId").GetString()!).ToList(), received.Select(r => r.IdempotencyKey).ToList());
        Assert.Equal(4, received.Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Equal("acknowledge", received[2].Json.GetProperty("detail").GetProperty("deadline").GetString());
        Assert.Equal("critical", received[2].Json.GetProperty("incident").GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, received[1].Json.GetProperty("incident").GetProperty("summary").ValueKind);
        foreach (var personal in new[] { Phone, "0987", Email, "Trần Thị Hoa", "phá khoá" })
            Assert.DoesNotContain(personal, received[1].Body, StringComparison.Ordinal);
        Assert.All(received, r => Assert.Equal($"/hooks/{WebhookReceiver.Secret}", r.Path));
        await DeleteWebhookAsync(webhook);
    }

    [Fact]
    public async Task A_delivery_committed_while_the_server_is_stopped_is_sent_by_the_server_that_starts_next()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await AddWebhookAsync(receiver.Url, events: ["opened"], areas: ["hongbang"], categories: ["office"]);
        await using (var first = SendingServer())
        {
            // Running and idle: it has nothing to send.
            Assert.Equal(0, await first.Services.GetRequiredService<OpsCenter.Server.Notifications.NotificationSender>().SendDueAsync(CancellationToken.None));
        }
        // Committed while no Server sends (the first was stopped; the fixture's sender is off).
        await server.Factory.Services.GetRequiredService<IIncidentSink>().RaiseAsync(
            Signal(IncidentIntakeTests.Unique("office"), "backlog", IncidentSeverities.Minor, IncidentCategories.Office, "hongbang"), CancellationToken.None);
        Assert.Equal(["pending"], (await DeliveriesAsync(webhook)).Select(d => d.GetProperty("status").GetString()).ToList());
        Assert.Empty(receiver.Requests);

        await using (var restarted = SendingServer())
        {
            await Eventually.True(() => Task.FromResult(!receiver.Requests.IsEmpty), Patience, "the delivery after the restart");
            await Eventually.True(async () => (await DeliveriesAsync(webhook)).Single().GetProperty("status").GetString() == "delivered", Patience, "delivered");
        }
        Assert.Equal("opened", Assert.Single(receiver.Requests).Event);
        await DeleteWebhookAsync(webhook);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_back_off_under_the_same_event_id_and_a_hopeless_one_is_given_up()
    {
        await using var flaky = await WebhookReceiver.StartAsync();
        flaky.FailFirst = 2;
        await using var dead = await WebhookReceiver.StartAsync();
        dead.FailFirst = int.MaxValue;
        var retried = await AddWebhookAsync(flaky.Url, events: ["opened"], areas: ["hongbang"], categories: ["device"]);
        var givenUp = await AddWebhookAsync(dead.Url, events: ["opened"], areas: ["hongbang"], categories: ["device"]);
        await server.Factory.Services.GetRequiredService<IIncidentSink>().RaiseAsync(
            Signal(IncidentIntakeTests.Unique("det"), "offline", IncidentSeverities.Major, IncidentCategories.Device, "hongbang"), CancellationToken.None);

        var logs = new CollectedLogs();
        await using (var sender = SendingServer(maxAttempts: 3, logs))
        {
            await Eventually.True(async () => (await DeliveriesAsync(retried)).Single().GetProperty("status").GetString() == "delivered", Patience, "delivered after retries");
            await Eventually.True(async () => (await DeliveriesAsync(givenUp)).Single().GetProperty("status").GetString() == "failed", Patience, "given up");
        }

        var delivered = (await DeliveriesAsync(retried)).Single();
        Assert.Equal(3, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(3, flaky.Attempts);
        Assert.Equal(delivered.GetProperty("eventId").GetString(), Assert.Single(flaky.Requests).IdempotencyKey);
        // Back-off: 1 s, then 2 s between the attempts.
        var failed = (await DeliveriesAsync(givenUp)).Single();
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(503, failed.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal("The receiver answered 503.", failed.GetProperty("lastError").GetString());
        Assert.Equal(3, dead.Attempts);
        // Failures are logged with the webhook and its host, never the URL's path or query, where the secret is.
        var failures = logs.Lines.Where(l => l.Contains("failed on attempt", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 + 3, failures.Count);
        Assert.All(failures, l => Assert.Contains("host 127.0.0.1:", l, StringComparison.Ordinal));
        Assert.Contains(failures, l => l.Contains("giving up", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(WebhookReceiver.Secret, StringComparison.Ordinal));
        await DeleteWebhookAsync(retried);
        await DeleteWebhookAsync(givenUp);
    }

    [Fact]
    public async Task Webhooks_are_checked_and_never_show_their_secret()
    {
        using var admin = server.ClientAs(Roles.Admin);
        using var bad = await admin.PostAsJsonAsync("/api/notifications/webhooks",
            new { name = "x", url = "ftp://example.org/h", events = new[] { "opened", "deleted" }, areas = new[] { "atlantis" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal(["areas", "events", "url"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList());

        var id = await AddWebhookAsync($"https://chat.example.org/hooks/{WebhookReceiver.Secret}?token={WebhookReceiver.Secret}", events: ["opened"]);
        var listed = await admin.GetStringAsync("/api/notifications/webhooks", TestContext.Current.CancellationToken);
        Assert.Contains("https://chat.example.org", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookReceiver.Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookReceiver.Secret, await server.Postgres.RunSqlAsync("select coalesce(string_agg(detail::text, ' '), '') from audit_log where action = 'webhook.added'"), StringComparison.Ordinal);
        using var leader = server.ClientAs(Roles.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/api/notifications/webhooks", TestContext.Current.CancellationToken)).StatusCode);
        await DeleteWebhookAsync(id);
    }

    private static IncidentSignal Signal(string source, string type, string severity, string category, string area) =>
        new(source, type, severity, category, area, At, "rule-test", $"{type} at {source}");

    private IncidentStore Store => server.Factory.Services.GetRequiredService<IncidentStore>();

    /// <summary>Another Server on the same PostgreSQL, with its sender on and quick retries; disposing it stops it.</summary>
    private WebApplicationFactory<Program> SendingServer(int maxAttempts = 12, CollectedLogs? logs = null)
    {
        var factory = server.Factory.WithWebHostBuilder(web =>
        {
            if (logs is not null)
                web.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            web.UseSetting("Notifications:SenderEnabled", "true");
            web.UseSetting("Notifications:PollMilliseconds", "100");
            web.UseSetting("Notifications:RetryBaseSeconds", "1");
            web.UseSetting("Notifications:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.UseSetting("Mqtt:ClientId", $"server-tests-sender-{Guid.NewGuid():N}"[..32]);
        });
        _ = factory.Services; // starts it
        return factory;
    }

    private async Task<long> AddWebhookAsync(string url, string[] events, string[]? severities = null, string[]? areas = null, string[]? categories = null)
    {
        using var admin = server.ClientAs(Roles.Admin);
        using var response = await admin.PostAsJsonAsync("/api/notifications/webhooks",
            new { name = "test hook", url, events, severities, areas, categories }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
    }

    private async Task DeleteWebhookAsync(long id)
    {
        using var admin = server.ClientAs(Roles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/notifications/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<List<JsonElement>> DeliveriesAsync(long webhook)
    {
        using var admin = server.ClientAs(Roles.Admin);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/notifications/deliveries?webhookId={webhook}", TestContext.Current.CancellationToken);
        return [.. list.EnumerateArray()];
    }

    private async Task SubmitReportAsync(string id, string description)
    {
        using var app = server.ClientAs(Roles.Reporter);
        using var response = await app.PostAsJsonAsync("/api/reports", new
        {
            reportId = id, ts = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), category = "security",
            description, lat = 20.864, lon = 106.673, reporter = new { name = "Trần Thị Hoa", phone = Phone, email = Email },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task ChangeAsync(long id, Action<Incident> change)
    {
        var version = (await Store.GetAsync(id, CancellationToken.None))!.Version;
        Assert.Equal(ChangeOutcome.Applied, (await server.Factory.Services.GetRequiredService<IncidentLifecycle>().ApplyAsync(id, version, change, CancellationToken.None)).Outcome);
    }

    private SlaEscalationJob Job(DateTimeOffset now) => new(
        new SlaDeadlineStore(server.Factory.Services.GetRequiredService<NpgsqlDataSource>()), Store, Options.Create(new SlaOptions()),
        new ManualClock(now), NullLogger<SlaEscalationJob>.Instance);
}
