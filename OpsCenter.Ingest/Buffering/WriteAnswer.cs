using System.Net.Sockets;
using System.Text.Json;
using InfluxDB.Client.Core.Exceptions;
using OpsCenter.TimeSeries;

namespace OpsCenter.Ingest.Buffering;

/// <summary>How InfluxDB answered one write, in the terms <see cref="DurableStore"/> acts on.</summary>
public enum WriteVerdict
{
    Stored,

    /// <summary>400/413/422: some lines can never be stored as they are (a field-type conflict, a line too large).</summary>
    LinesRefused,

    /// <summary>No answer, a 5xx, or a 4xx that says "later" (429): retry the same batch.</summary>
    Unreachable,

    /// <summary>401/403: a wrong token or password. Fixing it is an operator's job; until then we retry.</summary>
    CredentialsRefused,

    /// <summary>404, or 1.x's 500 "retention policy not found": our database is gone, and it is ours to create.</summary>
    DatabaseMissing,
}

public readonly record struct WriteAnswer(WriteVerdict Verdict, int Status = 0, string Error = "")
{
    public static readonly WriteAnswer Stored = new(WriteVerdict.Stored);

    /// <summary>Null for an exception that is not about the write (a bug, or our own cancellation): let it surface.</summary>
    public static WriteAnswer? From(Exception ex) => ex switch
    {
        InfluxWriteException write => FromStatus(write.Status, Readable(write.Body)),
        InfluxException influx => FromStatus(influx.Status, Readable(influx.Message)),
        HttpRequestException or SocketException or TimeoutException or TaskCanceledException => new(WriteVerdict.Unreachable, 0, ex.Message),
        _ when ex.InnerException is not null => From(ex.InnerException),
        _ => null,
    };

    // InfluxDB.Client wraps even an answered request's HttpRequestException, so only the status tells whether InfluxDB answered.
    private static WriteAnswer FromStatus(int status, string error)
    {
        if (status == 0)
            return new(WriteVerdict.Unreachable, status, error);
        if (IsDatabaseMissing(status, error))
            return new(WriteVerdict.DatabaseMissing, status, error);
        return status switch
        {
            401 or 403 => new(WriteVerdict.CredentialsRefused, status, error),
            400 or 413 or 422 => new(WriteVerdict.LinesRefused, status, error),
            _ => new(WriteVerdict.Unreachable, status, error),
        };
    }

    /// <summary>
    /// InfluxDB's own words: the client passes 1.x's body through as it came (<c>{"error":"…"}</c>), which would read
    /// as JSON inside JSON on /health and in dead letters.
    /// </summary>
    private static string Readable(string message)
    {
        var trimmed = message.Trim();
        if (!trimmed.StartsWith('{'))
            return trimmed;
        try
        {
            using var body = JsonDocument.Parse(trimmed);
            foreach (var name in (ReadOnlySpan<string>)["error", "message"])
            {
                if (body.RootElement.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                    return text.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        return trimmed;
    }

    // 1.x answers a missing database with 404 but a missing retention policy with 500; 2.x says "bucket not found".
    private static bool IsDatabaseMissing(int status, string error) =>
        status == 404
        || error.Contains("database not found", StringComparison.OrdinalIgnoreCase)
        || error.Contains("retention policy not found", StringComparison.OrdinalIgnoreCase)
        || error.Contains("bucket not found", StringComparison.OrdinalIgnoreCase);
}
