using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;
using OpsCenter.Simulators.Simulation;

namespace OpsCenter.Simulators.Scenarios;

/// <summary>The kinds of bad input the contract says the ingest must reject, one per rejection reason.</summary>
internal enum MalformedKind
{
    TopicUnknownKind,
    TopicUnknownChannel,
    TopicExtraSegment,
    TopicInvalidDeviceId,
    EmptyPayload,
    NotJson,
    JsonArray,
    TruncatedJson,
    InvalidUtf8,
    Oversized,
    MissingRequiredField,
    WrongType,
    OutOfRange,
    DuplicateKey,
    DeviceIdMismatch,
    TsWithoutOffset,
    TsInFuture,
    TsOlderThan7Days,
    NaNNumber,
    NumberOverflow,
    UnknownEnum,
    UnknownVehicleType,
    CounterEventMissingTicketId,
}

/// <summary>Builds one bad message of a kind from a valid camera, traffic and counter template.</summary>
internal static class MalformedMessages
{
    public static OutboundMessage Build(MalformedKind kind, string cameraId, string trafficId, string counterId, DateTimeOffset now)
    {
        var camera = Template(cameraId, now, """{"online":true,"fps":25,"bitrateKbps":4096,"recording":true}""");
        var cameraTopic = DeviceTopic.For(DeviceKind.Camera, cameraId, DeviceChannel.Telemetry);
        var cameraText = camera.ToJsonString();
        return kind switch
        {
            MalformedKind.TopicUnknownKind => Raw($"ops/v1/drone/{cameraId}/telemetry", cameraText),
            MalformedKind.TopicUnknownChannel => Raw($"ops/v1/camera/{cameraId}/metrics", cameraText),
            MalformedKind.TopicExtraSegment => Raw($"{cameraTopic}/extra", cameraText),
            MalformedKind.TopicInvalidDeviceId => Raw("ops/v1/camera/cam.lechan$0042/telemetry", cameraText),
            MalformedKind.EmptyPayload => new OutboundMessage(cameraTopic, [], false),
            MalformedKind.NotJson => Raw(cameraTopic, "online=true fps=25"),
            MalformedKind.JsonArray => Raw(cameraTopic, $"[{cameraText}]"),
            MalformedKind.TruncatedJson => Raw(cameraTopic, cameraText[..(cameraText.Length / 2)]),
            MalformedKind.InvalidUtf8 => new OutboundMessage(cameraTopic, InvalidUtf8(cameraText), false),
            MalformedKind.Oversized => Raw(cameraTopic, With(camera, "note", new string('x', 70 * 1024))),
            MalformedKind.MissingRequiredField => Raw(cameraTopic, Without(camera, "fps")),
            MalformedKind.WrongType => Raw(cameraTopic, With(camera, "fps", "25")),
            MalformedKind.OutOfRange => Raw(TrafficTopic(trafficId), With(Traffic(trafficId, now), "occupancy", 1.5)),
            MalformedKind.DuplicateKey => Raw(cameraTopic, cameraText.Replace("\"fps\":25", "\"fps\":25,\"fps\":30", StringComparison.Ordinal)),
            MalformedKind.DeviceIdMismatch => Raw(cameraTopic, With(camera, "deviceId", cameraId + "-other")),
            MalformedKind.TsWithoutOffset => Raw(cameraTopic, With(camera, "ts", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture))),
            MalformedKind.TsInFuture => Raw(cameraTopic, With(camera, "ts", Rfc3339(now + TimeSpan.FromHours(1)))),
            MalformedKind.TsOlderThan7Days => Raw(cameraTopic, With(camera, "ts", Rfc3339(now - TimeSpan.FromDays(8)))),
            MalformedKind.NaNNumber => Raw(cameraTopic, cameraText.Replace("\"fps\":25", "\"fps\":NaN", StringComparison.Ordinal)),
            MalformedKind.NumberOverflow => Raw(TrafficTopic(trafficId), Traffic(trafficId, now).ToJsonString().Replace("\"intensity\":42", "\"intensity\":1e400", StringComparison.Ordinal)),
            MalformedKind.UnknownEnum => Raw(DeviceTopic.For(DeviceKind.Camera, cameraId, DeviceChannel.Event),
                Template(cameraId, now, """{"type":"explosion","severity":"critical"}""").ToJsonString()),
            MalformedKind.UnknownVehicleType => Raw(TrafficTopic(trafficId), With(Traffic(trafficId, now), "vehicleTypes", new JsonObject { ["tractor"] = 3 })),
            MalformedKind.CounterEventMissingTicketId => Raw(DeviceTopic.For(DeviceKind.Counter, counterId, DeviceChannel.Event),
                Template(counterId, now, """{"type":"ticketIssued","serviceId":"certification"}""").ToJsonString()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static JsonObject Template(string deviceId, DateTimeOffset now, string body)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        var message = new JsonObject { ["deviceId"] = deviceId, ["ts"] = Rfc3339(now), ["seq"] = 1 };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            message[key] = value;
        }
        return message;
    }

    private static JsonObject Traffic(string id, DateTimeOffset now) =>
        Template(id, now, """{"periodSeconds":60,"laneId":1,"intensity":42,"occupancy":0.35,"averageVehicleSpeed":28.5}""");

    private static string TrafficTopic(string id) => DeviceTopic.For(DeviceKind.Traffic, id, DeviceChannel.Telemetry);

    private static string With(JsonObject template, string key, JsonNode? value)
    {
        var copy = template.DeepClone().AsObject();
        copy[key] = value;
        return copy.ToJsonString();
    }

    private static string Without(JsonObject template, string key)
    {
        var copy = template.DeepClone().AsObject();
        copy.Remove(key);
        return copy.ToJsonString();
    }

    private static byte[] InvalidUtf8(string json)
    {
        // 0xC3 0x28 is a truncated two-byte sequence: not UTF-8 at all.
        var bytes = Encoding.UTF8.GetBytes(json.Replace("\"recording\":true", "\"recording\":true,\"label\":\"@@\"", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)'@');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    private static OutboundMessage Raw(string topic, string text) => new(topic, Encoding.UTF8.GetBytes(text), false);

    private static string Rfc3339(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
