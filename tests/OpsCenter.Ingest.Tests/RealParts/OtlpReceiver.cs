using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpsCenter.LocalServices;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>
/// A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts (<c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>)
/// on a free loopback port and keeps the bodies. Protobuf carries strings as plain UTF-8, so a span or log is found by
/// its text without decoding the message.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _posts = new();

    private OtlpReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, new Uri($"http://127.0.0.1:{port}"));
        // An empty 200 body is a valid (empty) Export*ServiceResponse.
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._posts.Enqueue((signal, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public bool Received(string signal, string text)
    {
        var wanted = Encoding.UTF8.GetBytes(text);
        return _posts.Any(post => post.Signal == signal && post.Body.AsSpan().IndexOf(wanted) >= 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
