using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;

namespace OpsCenter.Server.Devices;

/// <summary>A rejected message as Ingest keeps it (its <c>/api/dead-letters</c> answer), shown in the console.</summary>
public sealed record DeadLetterView(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? DeviceId,
    string Reason,
    string Detail,
    string PayloadPrefixText,
    int PayloadLength);

/// <summary>The outcome of asking Ingest: the letters, or why there are none to show.</summary>
public sealed record DeadLetterAnswer(IReadOnlyList<DeadLetterView>? Letters, int Status, string? Problem);

/// <summary>Reads a device's dead letters from Ingest (they live only there, in a bounded ring) as the calling person.</summary>
public sealed class IngestDeadLetters(HttpClient http, CallerTokens tokens)
{
    public async Task<DeadLetterAnswer> ListAsync(string deviceId, int limit, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/dead-letters?deviceId={Uri.EscapeDataString(deviceId)}&limit={limit}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(caller));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                return new(null, StatusCodes.Status502BadGateway,
                    $"Ingest refused the Server's token ({(int)response.StatusCode}): the Server and Ingest must share Security:KeyRingPath.");
            if (!response.IsSuccessStatusCode)
                return new(null, StatusCodes.Status502BadGateway, $"Ingest answered {(int)response.StatusCode}.");
            var letters = await response.Content.ReadFromJsonAsync<List<DeadLetterView>>(cancellationToken);
            return new(letters ?? [], StatusCodes.Status200OK, null);
        }
        catch (HttpRequestException)
        {
            return Unavailable();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(); // HttpClient's timeout: Ingest is there but does not answer
        }
    }

    private DeadLetterAnswer Unavailable() =>
        new(null, StatusCodes.Status503ServiceUnavailable, $"Ingest is unreachable at {http.BaseAddress}; dead letters cannot be shown now.");
}
