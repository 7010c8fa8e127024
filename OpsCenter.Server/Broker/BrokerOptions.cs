using System.ComponentModel.DataAnnotations;

namespace OpsCenter.Server.Broker;

/// <summary>Settings section <c>Broker</c>: the embedded MQTT broker, on by default for one-machine installs.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    /// <summary>Host an MQTTnet broker in this process. Turn off when devices and Ingest use an external broker.</summary>
    public bool Embedded { get; set; } = true;

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
}
