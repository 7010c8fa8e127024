using System.Globalization;
using OpsCenter.Contracts.Devices;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Ingest.Tests.RealParts;

/// <summary>A stream of valid, distinct traffic messages from the test city's detectors, each publish acknowledged by the broker.</summary>
public static class TrafficLoad
{
    public static string Topic(string device) => DeviceTopic.For(DeviceKind.Traffic, device, DeviceChannel.Telemetry);

    public static string Payload(string device, long seq, DateTimeOffset ts) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"deviceId":"{{device}}","ts":"{{ts:yyyy-MM-ddTHH:mm:ss.fffZ}}","seq":{{seq}},"periodSeconds":60,"intensity":{{seq % 90}},"occupancy":0.4,"averageVehicleSpeed":{{20 + (seq % 40)}}.5}""");

    /// <summary>Publishes <paramref name="count"/> messages spread over the detectors, calling <paramref name="onProgress"/> after each.</summary>
    public static async Task PublishAsync(DevicePublisher publisher, IReadOnlyList<string> detectors, int count, long firstSeq, DateTimeOffset start,
        Func<int, Task>? onProgress = null)
    {
        for (var i = 0; i < count; i++)
        {
            var device = detectors[i % detectors.Count];
            var seq = firstSeq + i;
            await publisher.PublishAsync(Topic(device), Payload(device, seq, start.AddMilliseconds(i)));
            if (onProgress is not null)
                await onProgress(i + 1);
        }
    }
}
