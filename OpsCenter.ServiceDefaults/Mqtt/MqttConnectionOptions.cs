using System.ComponentModel.DataAnnotations;

namespace OpsCenter.ServiceDefaults.Mqtt;

/// <summary>How a service reaches the MQTT broker (section <c>Mqtt</c>): the embedded one or any external MQTT 5 broker.</summary>
public sealed class MqttConnectionOptions
{
    public const string Section = "Mqtt";

    [Required(ErrorMessage = "Mqtt:Host is required (the broker's host name or address).")]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535, ErrorMessage = "Mqtt:Port must be a TCP port (1-65535).")]
    public int Port { get; set; } = 1883;

    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Stable client id: with a persistent session the broker keeps our QoS 1 messages while we are away.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$", ErrorMessage = "Mqtt:ClientId must be 1-64 characters of A-Z a-z 0-9 _ -.")]
    public string ClientId { get; set; } = $"opscenter-{Environment.MachineName.ToLowerInvariant()}";

    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 15;
}
