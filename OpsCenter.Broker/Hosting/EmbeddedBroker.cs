using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Server;
using OpsCenter.Broker.DeviceAccess;
using OpsCenter.Broker.Transport;

namespace OpsCenter.Broker.Hosting;

/// <summary>
/// The MQTTnet broker of the broker process. Retained messages (device status with Last Will, Ingest's liveness) are
/// restored from <see cref="BrokerOptions.DataPath"/> before the listener opens and written back shortly after each
/// change, so a broker restart does not make the fleet look unknown.
/// </summary>
public sealed partial class EmbeddedBroker(
    IOptions<BrokerOptions> options, BrokerAccessControl accessControl, MqttAccountRegistry registry, QueueOverflowWatch overflow,
    TimeProvider clock, ILogger<EmbeddedBroker> logger)
    : BackgroundService
{
    private MqttServer? _server;
    private RetainedMessageFile? _retainedFile;
    private volatile IReadOnlyList<MqttApplicationMessage>? _pendingRetained;
    private int _connectedClients;

    public bool IsRunning => _server?.IsStarted ?? false;

    public int ConnectedClients => Volatile.Read(ref _connectedClients);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!IPAddress.TryParse(settings.BindAddress, out var address))
            throw new InvalidOperationException($"Broker:BindAddress '{settings.BindAddress}' is not an IP address.");

        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(address)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            // When a queue is full anyway, fresh readings matter more to a control room than old ones; the watch reports it.
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        // Our listener, not MQTTnet's: it binds only the configured address and reads and writes in fewer system calls.
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new BrokerTcpListener(new IPEndPoint(address, settings.Port), logger)]);
        // Before start: no client may connect before sign-in and topic rules are in place.
        accessControl.AttachTo(_server);
        // After sign-in, so only a device that signed in correctly hears "unavailable" rather than "bad password".
        new IngestGate(registry, clock, TimeSpan.FromSeconds(settings.HoldDevicesForIngestSeconds), logger).AttachTo(_server);
        overflow.AttachTo(_server);
        _server.ClientConnectedAsync += _ => { Interlocked.Increment(ref _connectedClients); return Task.CompletedTask; };
        _server.ClientDisconnectedAsync += _ => { Interlocked.Decrement(ref _connectedClients); return Task.CompletedTask; };
        if (!string.IsNullOrWhiteSpace(settings.DataPath))
            AttachRetainedFile(_server, new RetainedMessageFile(settings.DataPath));
        await _server.StartAsync();
        LogStarted(settings.BindAddress, settings.Port);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Writes the retained set when it changed, at most once per flush interval.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_retainedFile is null)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.RetainedFlushMilliseconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                SavePendingRetained();
        }
        catch (OperationCanceledException)
        {
            // stopping: the last save happens in StopAsync
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_server is { IsStarted: true })
            await _server.StopAsync();
        SavePendingRetained();
    }

    public override void Dispose()
    {
        _server?.Dispose();
        base.Dispose();
    }

    private void AttachRetainedFile(MqttServer server, RetainedMessageFile file)
    {
        _retainedFile = file;
        server.LoadingRetainedMessageAsync += e =>
        {
            try
            {
                var restored = file.Load();
                e.LoadedRetainedMessages = [.. restored];
                LogRestored(restored.Count, file.Path);
            }
            catch (InvalidDataException ex)
            {
                LogUnreadableRetained(ex.Message);
            }
            return Task.CompletedTask;
        };
        server.RetainedMessageChangedAsync += e =>
        {
            _pendingRetained = e.StoredRetainedMessages;
            return Task.CompletedTask;
        };
        server.RetainedMessagesClearedAsync += _ =>
        {
            _pendingRetained = [];
            return Task.CompletedTask;
        };
    }

    private void SavePendingRetained()
    {
        if (_retainedFile is null || Interlocked.Exchange(ref _pendingRetained, null) is not { } messages)
            return;
        try
        {
            _retainedFile.Save(messages);
        }
        catch (IOException ex)
        {
            // Kept for the next tick: a full disk must not stop the broker, only its memory of retained messages.
            Interlocked.CompareExchange(ref _pendingRetained, messages, null);
            LogSaveFailed(_retainedFile.Path, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on {Address}:{Port}")]
    private partial void LogStarted(string address, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} retained messages from {Path}")]
    private partial void LogRestored(int count, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting without retained messages: {Error}")]
    private partial void LogUnreadableRetained(string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write retained messages to {Path}: {Error}; retrying")]
    private partial void LogSaveFailed(string path, string error);
}
