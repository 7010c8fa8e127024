using System.Globalization;
using OpsCenter.LocalServices;

namespace OpsCenter.Bench.Measuring;

/// <summary>
/// The floor the issue measures Ingest against: mosquitto's own C client (<c>mosquitto_sub</c>, libmosquitto) draining
/// the same backlog from a persistent session at QoS 1, acknowledging each message as libmosquitto does. Its session is
/// made first (subscribe, leave), the backlog published while it is away, then <c>/usr/bin/time</c> runs the drain and
/// reports its CPU; the output goes to /dev/null, which costs the client a buffered write per message.
/// </summary>
public static class CClientDrain
{
    private const string Topic = "ops/v1/#";

    public static async Task<DrainResult> MeasureAsync(BrokerUnderTest broker, IReadOnlyList<string> devices, int count, long seqOffset)
    {
        var subscriber = MissingPrerequisiteException.RequireOnPath("mosquitto_sub", "mosquitto-clients");
        string[] session = ["-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-i", "bench-c-subscriber",
            "-c", "-q", "1", "-V", "mqttv5", "-t", Topic];
        // Subscribes, then leaves its session behind after a second (and exits non-zero for the timeout).
        await ProcessControl.RunToolAsync(subscriber, [.. session, "-W", "1"], anyExitCode: true);

        await new LoadPublisher(broker.Port, devices).RunAsync(count, seqOffset: seqOffset);

        var drain = string.Join(' ', session.Append("-C").Append(count.ToString(CultureInfo.InvariantCulture)).Select(a => $"'{a}'"));
        var timing = await ProcessControl.RunToolAsync("/bin/sh", ["-c", $"exec /usr/bin/time -f '%e %U %S' '{subscriber}' {drain} > /dev/null"]);
        var figures = timing.Trim().Split('\n')[^1].Split(' ').Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return new DrainResult(count, TimeSpan.FromSeconds(figures[1] + figures[2]), TimeSpan.FromSeconds(figures[0]));
    }
}
