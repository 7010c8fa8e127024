using System.Text;
using System.Text.Json.Nodes;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Ingest.Tests.Validation;

/// <summary>One valid message per message type, taken from the device contract, plus helpers to break them.</summary>
internal static class ContractExamples
{
    /// <summary>The examples are stamped 08:15:00+07:00; "now" is 30 s later so they are neither late nor future.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 15, 30, TimeSpan.FromHours(7));

    public const string Ts = "2026-11-26T08:15:00+07:00";

    public sealed record Example(string Name, DeviceKind Kind, DeviceChannel Channel, string DeviceId, string Json)
    {
        public string Topic => DeviceTopic.For(Kind, DeviceId, Channel);
        public byte[] Payload => Encoding.UTF8.GetBytes(Json);
        public JsonObject Node => JsonNode.Parse(Json)!.AsObject();
        public override string ToString() => Name;
    }

    private const string Cam = "cam-lechan-0042";
    private const string Tfd = "tfd-lachtray-07";
    private const string Q = "q-hongbang-ubnd";

    public static readonly Example[] All =
    [
        new("status", DeviceKind.Camera, DeviceChannel.Status, Cam,
            $$"""{"deviceId":"{{Cam}}","ts":"{{Ts}}","seq":17,"state":"online","firmwareVersion":"5.7.3","ipAddress":"10.20.3.42","rssi":-61}"""),
        new("status-lastWill", DeviceKind.Counter, DeviceChannel.Status, Q,
            $$"""{"deviceId":"{{Q}}","ts":"{{Ts}}","seq":5,"state":"offline"}"""),
        new("camera-telemetry", DeviceKind.Camera, DeviceChannel.Telemetry, Cam,
            $$"""{"deviceId":"{{Cam}}","ts":"{{Ts}}","seq":18,"online":true,"fps":25.0,"bitrateKbps":4096,"recording":true,"storageFreePct":63.5,"peopleCount":12,"vehicleCount":30}"""),
        new("camera-event", DeviceKind.Camera, DeviceChannel.Event, Cam,
            $$"""{"deviceId":"{{Cam}}","ts":"{{Ts}}","seq":19,"type":"crowd","severity":"major","objectCount":85,"confidence":0.91,"snapshotUrl":"https://nvr.example/snap/8812.jpg"}"""),
        new("traffic-telemetry", DeviceKind.Traffic, DeviceChannel.Telemetry, Tfd,
            $$$"""{"deviceId":"{{{Tfd}}}","ts":"{{{Ts}}}","seq":311,"periodSeconds":60,"laneId":1,"intensity":42,"occupancy":0.35,"averageVehicleSpeed":28.5,"congested":false,"vehicleTypes":{"motorcycle":30,"car":10,"bus":1,"truck":1}}"""),
        new("counter-telemetry", DeviceKind.Counter, DeviceChannel.Telemetry, Q,
            $$"""{"deviceId":"{{Q}}","ts":"{{Ts}}","seq":90,"serviceStatus":"open","waiting":7,"countersOpen":4}"""),
        CounterEvent("ticketIssued", """ "ticketId":"A-017","serviceId":"birth-registration" """),
        CounterEvent("ticketCalled", """ "ticketId":"A-017","counterNo":3 """),
        CounterEvent("ticketServed", """ "ticketId":"A-017" """),
        CounterEvent("ticketNoShow", """ "ticketId":"A-018" """),
        CounterEvent("caseReceived", """ "caseId":"HS-2026-000123","serviceId":"land-use","channel":"inPerson","dueAt":"2026-12-03T17:00:00+07:00" """),
        CounterEvent("caseResolved", """ "caseId":"HS-2026-000123" """),
        CounterEvent("rating", """ "score":5,"ticketId":"A-017" """),
    ];

    public static TheoryData<string> Names => [.. All.Select(e => e.Name)];

    public static Example Get(string name) => All.Single(e => e.Name == name);

    public static Example CameraTelemetry => Get("camera-telemetry");
    public static Example CameraEvent => Get("camera-event");
    public static Example Traffic => Get("traffic-telemetry");
    public static Example CounterTelemetry => Get("counter-telemetry");
    public static Example Status => Get("status");

    /// <summary>The example with one top-level field replaced (or added); a null node writes JSON null.</summary>
    public static byte[] With(this Example example, string field, JsonNode? value)
    {
        var node = example.Node;
        node[field] = value;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The example with a field's raw JSON text replaced, for values JsonNode cannot hold (NaN, 1e400).</summary>
    public static byte[] WithRaw(this Example example, string field, string rawJson)
    {
        var node = example.Node;
        node[field] = "\u0001PLACEHOLDER\u0001";
        var json = node.ToJsonString().Replace("\"\\u0001PLACEHOLDER\\u0001\"", rawJson, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json);
    }

    public static byte[] Without(this Example example, string field)
    {
        var node = example.Node;
        Assert.True(node.Remove(field), $"example {example.Name} has no field {field}");
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static Example CounterEvent(string type, string fields) =>
        new($"counter-event-{type}", DeviceKind.Counter, DeviceChannel.Event, Q,
            $$"""{"deviceId":"{{Q}}","ts":"{{Ts}}","seq":91,"type":"{{type}}",{{fields.Trim()}}}""");
}
