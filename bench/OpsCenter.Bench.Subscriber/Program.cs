using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OpsCenter.ServiceDefaults.Mqtt;

// A bare MQTTnet subscriber with Ingest's session and acknowledgement mode and none of its work: persistent MQTT 5
// session (clean start off, receive maximum 65,535), QoS 1 on ops/v1/#, manual acknowledgement of up to 5,000
// messages at a time or every 20 ms (Ingest's batch), nothing done with a message but holding it until its batch is
// acknowledged. Usage: OpsCenter.Bench.Subscriber PORT CLIENT_ID [buffered]; "buffered" reads the socket through
// Ingest's 64 KiB read buffer (OpsCenter.Ingest/Mqtt/ReadBufferedStream.cs), to measure that change alone. Prints "ready" once subscribed and
// "acked N B" (messages acknowledged and bytes allocated so far) after each acknowledged batch; the bench reads its CPU time from /proc.
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var clientId = args[1];
const int BatchSize = 5_000;
var batchWindow = TimeSpan.FromMilliseconds(20);

var pending = new List<MqttApplicationMessageReceivedEventArgs>(BatchSize);
var full = new SemaphoreSlim(0);
using var client = new MqttClientFactory().CreateMqttClient();
client.ApplicationMessageReceivedAsync += e =>
{
    e.AutoAcknowledge = false;
    lock (pending)
    {
        pending.Add(e);
        if (pending.Count == BatchSize)
            full.Release();
    }
    return Task.CompletedTask;
};
var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId);
if (args is [_, _, "buffered"])
    options = options.WithStreamProvider(new OpsCenter.Ingest.Mqtt.ConnectionStreamProvider());
await client.ConnectAsync(options
    .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(false).WithSessionExpiryInterval(24 * 3600)
    .WithReceiveMaximum(ushort.MaxValue).WithKeepAlivePeriod(TimeSpan.FromSeconds(15)).BuildWithSocketBuffers());
await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
    .WithTopicFilter(f => f.WithTopic("ops/v1/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
Console.WriteLine("ready");

long acked = 0;
var batch = new List<MqttApplicationMessageReceivedEventArgs>(BatchSize);
var acks = new List<Task>(BatchSize);
while (client.IsConnected)
{
    await full.WaitAsync(batchWindow);
    lock (pending)
    {
        batch.AddRange(pending);
        pending.Clear();
    }
    if (batch.Count == 0)
        continue;
    foreach (var e in batch)
        acks.Add(e.AcknowledgeAsync(CancellationToken.None));
    await Task.WhenAll(acks);
    acked += batch.Count;
    batch.Clear();
    acks.Clear();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acked {acked} {GC.GetTotalAllocatedBytes()}"));
}
return 1;
