using System.Security.Claims;
using OpsCenter.Server.Security;
using OpsCenter.TimeSeries;

namespace OpsCenter.Server.Devices;

/// <summary>
/// The city's static facts for every screen, and the console's drill-down into one device: its stored history and
/// the messages Ingest rejected from it.
/// </summary>
public static class DevicesApi
{
    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", (CityCatalog catalog) => TypedResults.Ok(catalog.View))
            .RequireRoles(Roles.AnyPerson).WithTags("City")
            .WithSummary("The city's areas and devices (names, kinds, positions, reporting intervals), for screens to load once.");

        var devices = app.MapGroup("/api/devices").WithTags("Devices");
        devices.MapGet("/{id}/history", History).RequireRoles(Roles.HistoryReaders)
            .WithSummary("One device's last hours (hours=1-168, default 24) from InfluxDB, per 5, 10 or 15 minutes: speed, intensity and occupancy for detectors, waiting and counters open for offices, online/recording and event counts for cameras.");
        devices.MapGet("/{id}/dead-letters", DeadLetters).RequireRoles(Roles.ConsoleUsers)
            .WithSummary("The device's most recent rejected messages, newest first (limit=1-1000, default 100), read from Ingest as the caller; 503 when Ingest is unreachable.");
        return app;
    }

    private static async Task<IResult> History(string id, int? hours, CityCatalog catalog, DeviceHistory history, CancellationToken ct)
    {
        var span = hours ?? 24;
        if (span is < DeviceHistory.MinHours or > DeviceHistory.MaxHours)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["hours"] = [$"hours must be between {DeviceHistory.MinHours} and {DeviceHistory.MaxHours}"],
            });
        if (!catalog.TryGetDevice(id, out var device))
            return TypedResults.NotFound();
        try
        {
            return TypedResults.Ok(await history.ReadAsync(device, span, ct));
        }
        catch (Exception ex) when (ex is InfluxQlException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return TypedResults.Problem("InfluxDB is unavailable; the device's history cannot be read now.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> DeadLetters(string id, int? limit, ClaimsPrincipal caller, CityCatalog catalog, IngestDeadLetters ingest,
        CancellationToken ct)
    {
        if (!catalog.TryGetDevice(id, out var device))
            return TypedResults.NotFound();
        var answer = await ingest.ListAsync(device.Id, Math.Clamp(limit ?? 100, 1, 1000), caller, ct);
        return answer.Letters is { } letters
            ? TypedResults.Ok(letters)
            : TypedResults.Problem(answer.Problem, statusCode: answer.Status);
    }
}
