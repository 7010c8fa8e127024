using OpsCenter.Contracts.Security;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Inventory;
using OpsCenter.Ingest.Liveness;
using OpsCenter.Ingest.Registry;
using OpsCenter.Ingest.Security;

namespace OpsCenter.Ingest.Api;

public static class DeviceApi
{
    public sealed record DeviceView(DeviceRecord Device, string State, DateTimeOffset? LastSeen, DateTimeOffset? Since, string? Reason);

    /// <summary>The device registry with each device's liveness.</summary>
    public static IEndpointRouteBuilder MapDeviceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/devices").WithTags("Devices");
        api.MapGet("/", (DeviceRegistry registry, LivenessTracker liveness, string? kind, string? areaId, string? state) =>
            TypedResults.Ok(registry.All
                .Where(d => kind is null || d.Kind == kind)
                .Where(d => areaId is null || d.AreaId == areaId)
                .Select(d => View(d, liveness))
                .Where(v => state is null || v.State == state)
                .OrderBy(v => v.Device.Id, StringComparer.Ordinal)))
            .RequireRoles(Roles.Operator, Roles.Leader, Roles.Admin)
            .WithSummary("The device registry with each device's liveness, filtered by kind, area or state.");

        api.MapGet("/{id}", IResult (string id, DeviceRegistry registry, LivenessTracker liveness) =>
            registry.TryGet(id, out var device) ? TypedResults.Ok(View(device, liveness)) : TypedResults.NotFound())
            .RequireRoles(Roles.Operator, Roles.Leader, Roles.Admin)
            .WithSummary("One device with its liveness.");

        api.MapPut("/{id}", IResult (string id, DeviceRecord device, DeviceRegistry registry) =>
        {
            if (!DeviceTopic.IsValidDeviceId(id) || device.Id != id)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["id must be 1-64 characters of A-Z a-z 0-9 _ - and match the body"] });
            if (!DeviceKindNames.TryParse(device.Kind, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = ["kind must be camera, traffic or counter"] });
            if (device.Lat is < -90 or > 90 || device.Lon is < -180 or > 180 || device.ReportingIntervalSeconds is < 1 or > 86_400)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["position"] = ["lat/lon or reportingIntervalSeconds out of range"] });
            return registry.Upsert(device)
                ? TypedResults.Ok(device)
                : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["areaId"] = [$"unknown area '{device.AreaId}'"] });
        }).RequireRoles(Roles.Admin).WithSummary("Register or change a device (the body's id must match the path).");
        return app;
    }

    private static DeviceView View(DeviceRecord device, LivenessTracker liveness) =>
        liveness.TryGet(device.Id, out var l)
            ? new DeviceView(device, l.State, l.LastSeen, l.Since, l.Reason)
            : new DeviceView(device, "unknown", null, null, null);
}
