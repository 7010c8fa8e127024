using System.Globalization;
using System.Text;
using OpsCenter.Contracts.Devices;

namespace OpsCenter.Simulators.Load;

/// <summary>
/// Valid telemetry for the load test, built by string templates (cheap at thousands per second) and
/// padded to the requested size with an extra top-level field, which the contract says receivers ignore.
/// </summary>
internal sealed class LoadPayloads(IReadOnlyList<(string Id, DeviceKind Kind)> devices, int targetBytes)
{
    public const string PaddingField = "pad";

    private readonly long[] _seq = new long[devices.Count];

    public int DeviceCount => devices.Count;

    public (string Topic, byte[] Payload) Next(long index, DateTimeOffset now)
    {
        var slot = (int)(index % devices.Count);
        var (id, kind) = devices[slot];
        var seq = _seq[slot]++;
        var ts = now.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var head = string.Create(CultureInfo.InvariantCulture, $"{{\"deviceId\":\"{id}\",\"ts\":\"{ts}\",\"seq\":{seq},");
        var body = kind switch
        {
            DeviceKind.Traffic => "\"periodSeconds\":60,\"laneId\":1,\"intensity\":31,\"occupancy\":0.21,\"averageVehicleSpeed\":36.5,\"congested\":false",
            DeviceKind.Counter => "\"serviceStatus\":\"open\",\"waiting\":7,\"countersOpen\":4",
            _ => "\"online\":true,\"fps\":25.0,\"bitrateKbps\":4096,\"recording\":true,\"peopleCount\":12,\"vehicleCount\":30",
        };
        return (DeviceTopic.For(kind, id, DeviceChannel.Telemetry), Pad(head + body));
    }

    private byte[] Pad(string withoutClosingBrace)
    {
        const string Open = ",\"" + PaddingField + "\":\"";
        var bare = withoutClosingBrace.Length + 1;
        var fill = targetBytes - bare - Open.Length - 1;
        var text = fill > 0
            ? new StringBuilder(targetBytes).Append(withoutClosingBrace).Append(Open).Append('x', fill).Append("\"}").ToString()
            : withoutClosingBrace + "}";
        return Encoding.UTF8.GetBytes(text);
    }
}
