using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using OpsCenter.Contracts.Devices;
using OpsCenter.Contracts.Ingestion;
using OpsCenter.Ingest.Liveness;
using OpsCenter.Ingest.Pipeline;
using OpsCenter.Ingest.Telemetry;
using OpsCenter.ServiceDefaults.Mqtt;

namespace OpsCenter.Ingest.Mqtt;

/// <summary>
/// The one MQTT consumer. Receives every device message (QoS 1, persistent session), feeds the pipeline in batches,
/// acknowledges each message only after its batch is durable, then tells the Server what was stored.
/// Each batch is one span (receive to acknowledge) when tracing is on.
/// No more than the inbox holds waits between the socket and the processing loop (<see cref="ReadBudget"/>): a burst
/// waits in the broker, not in Ingest's memory (MQTTnet alone would keep reading into a queue without a bound).
/// </summary>
public sealed partial class DeviceMessageConsumer(
    IngestPipeline pipeline,
    LivenessTracker liveness,
    LivenessRecovery livenessRecovery,
    ServerAnnouncer announcer,
    IOptions<MqttConnectionOptions> mqttOptions,
    IOptions<IngestOptions> ingestOptions,
    TimeProvider clock,
    ILogger<DeviceMessageConsumer> logger) : BackgroundService, IMqttConnected
{
    private const int MaxPayloadKept = 64 * 1024;
    private const uint SessionExpirySeconds = 24 * 3600;
    private readonly IngestOptions _options = ingestOptions.Value;
    private readonly Channel<IncomingMessage> _inbox = Channel.CreateBounded<IncomingMessage>(
        new BoundedChannelOptions(ingestOptions.Value.BatchSize * 2) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private static readonly TimeSpan CatchUpGrace = TimeSpan.FromMilliseconds(300);
    private long _subscribedAtTicks;
    private int _connection;
    private Task _acknowledging = Task.CompletedTask;
    private IMqttClient? _client;
    private readonly ReadBudget _readBudget = new(ingestOptions.Value.BatchSize * 2);
    private ConnectionStreamProvider? _streams;

    // Ingest writes the PUBACKs itself when the connection is its own stream and in clear: under TLS the bytes must go
    // through MQTTnet's encryption, so MQTTnet acknowledges (the slower way).
    private bool _rawAcknowledgements;

    public bool IsConnected => _client?.IsConnected ?? false;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        // Attach the handler before connecting: a persistent session delivers queued messages at once.
        client.ApplicationMessageReceivedAsync += e => OnMessageAsync(e, stoppingToken);
        // Raised before each connect, after the previous connection's messages were all handed over.
        client.ConnectingAsync += _ =>
        {
            Interlocked.Increment(ref _connection);
            // A new connection must read its CONNACK and SUBACK even while the inbox is still full.
            _readBudget.Connecting();
            return Task.CompletedTask;
        };

        // Subscribe at once (so the session holds what devices send from now on), but process nothing before the
        // liveness announced before a restart is back: otherwise devices would be re-announced or forgotten wrongly.
        var recovered = livenessRecovery.RestoreAsync(stoppingToken);
        var processing = Task.Run(async () =>
        {
            await recovered;
            await ProcessLoopAsync(stoppingToken);
        }, stoppingToken);
        var options = SessionOptions();
        _rawAcknowledgements = _streams is not null && options.ChannelOptions is MqttClientTcpOptions { TlsOptions.UseTls: false };
        await MqttReconnectLoop.RunAsync(client, options, (result, ct) => SubscribeAsync(client, result, ct), logger, clock, stoppingToken);
        _inbox.Writer.TryComplete();
        try
        {
            await processing;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // One delegate for all messages, given the delivery as its state: a bound method group would allocate one per message.
    private static readonly Func<object?, CancellationToken, Task> AcknowledgeDelivery =
        static (delivery, ct) => ((MqttApplicationMessageReceivedEventArgs)delivery!).AcknowledgeAsync(ct);

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e, CancellationToken stoppingToken)
    {
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        var length = (int)Math.Min(message.Payload.Length, int.MaxValue);
        // Keep at most 64 KiB + 1 byte: enough to validate, or to know it is too large, without holding a huge payload.
        var kept = message.Payload.Slice(0, Math.Min(message.Payload.Length, MaxPayloadKept + 1));
        var payload = PayloadPool.Copy(kept, out var pooled);
        var atMostOnce = message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce;
        // Acknowledged by its packet identifier on the connection it came on, when Ingest writes PUBACKs itself: MQTTnet's
        // delivery (its packet, its copy of the payload) is then garbage at once instead of living until the batch is
        // durable. Otherwise through MQTTnet, keeping the delivery. QoS 0 needs no acknowledgement.
        var via = _rawAcknowledgements && !atMostOnce ? _streams?.Current : null;
        var throughMqttnet = via is null && !atMostOnce;
        var incoming = new IncomingMessage(message.Topic, payload, length, clock.GetUtcNow(), clock.GetTimestamp(),
            throughMqttnet ? AcknowledgeDelivery : null, message.Retain, Volatile.Read(ref _connection), throughMqttnet ? e : null)
        {
            PayloadPooled = pooled,
            Via = via,
            PacketId = e.PacketIdentifier,
        };
        await _inbox.Writer.WriteAsync(incoming, stoppingToken);
    }

    /// <summary>
    /// A persistent MQTT 5 session (clean start off) so the broker keeps QoS 1 messages for us while we are down; a
    /// large receive maximum because acknowledging waits for a whole batch to be durable; reads buffered (one system
    /// call per 64 KiB instead of three per message, see <see cref="ReadBufferedStream"/>) and a batch's PUBACKs written
    /// in one (<see cref="AcknowledgingStream"/>).
    /// </summary>
    private MqttClientOptions SessionOptions() => WithReads(mqttOptions.Value.ClientOptions())
        .WithCleanStart(false)
        .WithSessionExpiryInterval(SessionExpirySeconds)
        .WithReceiveMaximum(ushort.MaxValue)
        .BuildWithSocketBuffers();

    private MqttClientOptionsBuilder WithReads(MqttClientOptionsBuilder builder) =>
        _options.BufferedReads ? builder.WithStreamProvider(_streams ??= new ConnectionStreamProvider(_readBudget)) : builder;

    private async Task SubscribeAsync(IMqttClient client, MqttClientConnectResult result, CancellationToken stoppingToken)
    {
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(SubscriptionFilter()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build(), stoppingToken);
        _readBudget.Subscribed();
        LogConnected(mqttOptions.Value.Host, mqttOptions.Value.Port, SubscriptionFilter(), result.IsSessionPresent);
        // What the session kept while we were away arrives now: not caught up until it is processed.
        announcer.Behind();
        Volatile.Write(ref _subscribedAtTicks, clock.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Caught up: subscribed a moment ago (so a waiting backlog has started to arrive) and the last batch did not fill
    /// up, or nothing came at all: what the broker held for us is processed.
    /// </summary>
    private void NoteCaughtUpIf(bool batchWasFull)
    {
        var subscribedAt = Volatile.Read(ref _subscribedAtTicks);
        if (subscribedAt != 0 && !batchWasFull && IsConnected
            && clock.GetUtcNow().UtcTicks - subscribedAt >= CatchUpGrace.Ticks)
            announcer.CaughtUp();
    }

    private string SubscriptionFilter() =>
        string.IsNullOrEmpty(_options.SharedGroup) ? DeviceTopic.AllDevicesFilter : $"$share/{_options.SharedGroup}/{DeviceTopic.AllDevicesFilter}";

    private async Task ProcessLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IncomingMessage>(_options.BatchSize);
        var window = new BatchWindow(_inbox.Reader, _options.BatchSize, TimeSpan.FromMilliseconds(_options.BatchDelayMilliseconds), clock);
        var nextSweep = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            batch.Clear();
            if (await window.WaitForFirstAsync(TimeSpan.FromSeconds(1), stoppingToken))
                await window.FillAsync(batch, stoppingToken);
            try
            {
                if (batch.Count > 0)
                {
                    _readBudget.Taken(batch.Count); // before the work: the socket is read again while it is done
                    await HandleBatchAsync(batch, stoppingToken);
                }
                else
                {
                    _readBudget.Forget(); // a second without a message
                    await pipeline.ReplayBufferAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Never let one batch end the loop: a live connection with nobody processing stores nothing and
                // acknowledges nothing. What this batch held is unacknowledged; reconnecting makes the broker send it again.
                LogBatchFailed(ex, batch.Count);
                RedeliverUnacknowledged();
            }
            NoteCaughtUpIf(batchWasFull: batch.Count >= _options.BatchSize);

            if (clock.GetUtcNow() >= nextSweep)
            {
                nextSweep = clock.GetUtcNow().AddSeconds(5);
                announcer.Liveness(liveness.Sweep(clock.GetUtcNow()));
            }
        }
        // Whatever is still being acknowledged: sent or failed, the broker redelivers what it did not get.
        await _acknowledging;
    }

    /// <summary>
    /// Drops the connection so the persistent session redelivers every unacknowledged message. Not awaited: MQTTnet's
    /// disconnect waits for the message handler, which may be waiting for room in the inbox this loop empties.
    /// </summary>
    private void RedeliverUnacknowledged()
    {
        if (_client is { IsConnected: true } client)
            _ = Task.Run(async () =>
            {
                try
                {
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogAckFailed(ex.Message);
                }
            });
    }

    /// <summary>
    /// Stores a batch, starts acknowledging it and announces it; the acknowledgements complete while the next batch is
    /// processed (the broker gets them in receive order, since the next batch's are started only after these are sent).
    /// The span, when tracing, runs from the first receipt to the last acknowledgement.
    /// </summary>
    internal async Task HandleBatchAsync(List<IncomingMessage> batch, CancellationToken stoppingToken)
    {
        var started = clock.GetTimestamp();
        var span = IngestTracing.StartBatch(batch);
        BatchOutcome outcome;
        try
        {
            outcome = await pipeline.ProcessAsync(batch, stoppingToken);
        }
        catch
        {
            span?.Dispose();
            throw;
        }
        finally
        {
            // Validated, stored or dead-lettered (both copy what they keep): the payloads are not needed any more.
            foreach (var message in batch)
                PayloadPool.Return(message);
        }
        var durable = clock.GetTimestamp();
        IngestTracing.Durable(span, outcome);
        await _acknowledging;
        _acknowledging = AcknowledgeAsync(batch, span, started, durable, stoppingToken);
        announcer.Stored(outcome.Stored);
        announcer.Liveness(outcome.Transitions);
        await pipeline.ReplayBufferAsync(stoppingToken);
    }

    /// <summary>Completes once the last batch's acknowledgements are sent (or failed): for shutdown and tests.</summary>
    internal Task AcknowledgementsSentAsync() => _acknowledging;

    /// <summary>
    /// Acknowledges the batch's messages: all are written (or started, through MQTTnet) here, before the first await, so
    /// the caller may reuse the list; the broker gets them in receive order.
    /// A message that came on an earlier connection is not acknowledged: on the current connection its packet id may
    /// belong to another message the broker sent since, which would then count as delivered before it is durable. The
    /// broker redelivers the old one (persistent session) and the duplicate filter drops it.
    /// </summary>
    private async Task AcknowledgeAsync(List<IncomingMessage> batch, System.Diagnostics.Activity? span, long started, long durable, CancellationToken stoppingToken)
    {
        var count = batch.Count;
        var acks = new List<Task>();
        var current = Volatile.Read(ref _connection);
        var stream = _streams?.Current;
        var packetIds = ArrayPool<ushort>.Shared.Rent(count);
        var written = 0;
        var stale = 0;
        for (var i = 0; i < count; i++)
        {
            var message = batch[i];
            if (message.Via is { } via)
            {
                // The stream is the connection: one that delivered the message, if it is not the current one, is gone.
                if (via == stream)
                    packetIds[written++] = message.PacketId;
                else
                    stale++;
            }
            else if (message.Acknowledge is not null)
            {
                if (message.Connection == current)
                    acks.Add(StartAck(message, stoppingToken));
                else
                    stale++;
            }
        }
        if (stale > 0)
            LogStaleAcksSkipped(stale);
        var acknowledged = true;
        try
        {
            stream?.Acknowledge(packetIds.AsSpan(0, written));
            await Task.WhenAll(acks);
        }
        catch (Exception ex)
        {
            // The connection dropped after the batch was durable (or Ingest is stopping): the broker redelivers and the
            // duplicate filter drops it.
            if (ex is not OperationCanceledException)
                LogAckFailed(ex.Message);
            acknowledged = false;
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(packetIds);
            IngestTracing.Acknowledged(span, acknowledged);
            span?.Dispose();
        }
        LogBatch(count, clock.GetElapsedTime(started, durable).TotalMilliseconds, clock.GetElapsedTime(durable).TotalMilliseconds);
    }

    /// <summary>
    /// MQTTnet throws at once, not through the task, when the connection is already gone (its adapter is null between
    /// a drop and the reconnect). Thrown from here, that ended the processing loop while the client stayed connected
    /// afterwards: Ingest received and stored nothing more until restarted (seen after broker kills in the fault suite).
    /// </summary>
    private static Task StartAck(IncomingMessage message, CancellationToken stoppingToken)
    {
        try
        {
            return message.Acknowledge!(message.AcknowledgeState, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to MQTT broker {Host}:{Port}, subscribed to {Filter} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, string filter, bool sessionPresent);


    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledgement failed ({Error}); the broker will redeliver and duplicates will be dropped")]
    private partial void LogAckFailed(string error);


    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} failed; reconnecting so that the broker sends what was not acknowledged again")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} stored messages came on an earlier broker connection: not acknowledged on this one; the broker redelivers them and duplicates are dropped")]
    private partial void LogStaleAcksSkipped(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch of {Count}: durable in {DurableMs:0.0} ms, acknowledged {AckMs:0.0} ms later")]
    private partial void LogBatch(int count, double durableMs, double ackMs);

}
