using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Broker.Hosting;

/// <summary>Settings section <c>Broker</c>: the MQTT listener of the broker process.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    [Range(1, 65535, ErrorMessage = "Broker:Port must be a TCP port (1-65535).")]
    public int Port { get; set; } = 1883;

    /// <summary>Address to listen on; 127.0.0.1 for a demo, 0.0.0.0 for devices on the city network.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Messages the broker queues per client before it drops. MQTTnet's default of 250 silently loses messages under
    /// load; a QoS 1 subscriber such as Ingest must never lose any.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int MaxPendingMessagesPerClient { get; set; } = 1_000_000;

    /// <summary>
    /// Folder where retained messages (device status with its Last Will, Ingest's liveness announcements) are kept so
    /// that a restarted broker still knows them. Empty: kept in memory only (tests that do not restart the broker).
    /// </summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// After a start, how long devices are turned away while Ingest has not yet subscribed again (see
    /// <see cref="IngestGate"/>). 0 turns the gate off.
    /// </summary>
    [Range(0, 3600)]
    public int HoldDevicesForIngestSeconds { get; set; } = 60;

    /// <summary>How long a change to the retained set may wait before it is written; the most a SIGKILL can lose.</summary>
    [Range(10, 10_000)]
    public int RetainedFlushMilliseconds { get; set; } = 200;
}
