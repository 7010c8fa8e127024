using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OpsCenter.LocalServices;

namespace OpsCenter.Server.Tests.Notifications;

/// <summary>A real HTTP receiver on loopback that records every POST; <see cref="FailFirst"/> makes it answer 503 first.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    public sealed record Received(string Event, string IdempotencyKey, string Body, JsonElement Json, string Path);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests of any outcome, counted before the answer (to see retries).</summary>
    public int Attempts => _attempts;
    private int _attempts;

    /// <summary>Where to point a webhook; the path carries a made-up secret, as chat services' URLs do.</summary>
    public string Url { get; private set; } = "";

    public const string Secret = "s3cr3t-token-in-path";

    public int FailFirst { set => _failuresLeft = value; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { Url = $"http://127.0.0.1:{port}/hooks/{Secret}?key={Secret}" };
        app.MapPost("/hooks/{secret}", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref receiver._attempts);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (Interlocked.Decrement(ref receiver._failuresLeft) >= 0)
                return Results.StatusCode(503);
            receiver.Requests.Enqueue(new Received(request.Headers["X-OpsCenter-Event"].ToString(), request.Headers["Idempotency-Key"].ToString(), body,
                JsonDocument.Parse(body).RootElement.Clone(), request.Path));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
