using System.Text.Json;
using MQTTnet.Protocol;

namespace OpsCenter.Simulators.Transport;

/// <summary>Where and how simulated devices connect: shared credentials, or a secret per device.</summary>
internal sealed record BrokerSettings
{
    /// <summary>
    /// The broker's demo/test-rig account (<c>Broker:SimulatorAccount</c>) that may publish for any device. Its
    /// connections must use client ids starting with this name too: the broker keeps device client ids for devices.
    /// </summary>
    public const string SimulatorAccount = "opscenter-simulator";

    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 1883;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public MqttQualityOfServiceLevel Qos { get; init; } = MqttQualityOfServiceLevel.AtLeastOnce;

    /// <summary>Unacknowledged QoS 1 messages a device keeps while the broker is away; beyond it the oldest are dropped (and counted).</summary>
    public int OutboxCapacity { get; init; } = Outbox.DefaultCapacity;

    /// <summary>deviceId → secret; a device found here connects with username = its id.</summary>
    public IReadOnlyDictionary<string, string> DeviceSecrets { get; init; } = new Dictionary<string, string>();

    public (string? Username, string? Password) CredentialsFor(string deviceId) =>
        DeviceSecrets.TryGetValue(deviceId, out var secret) ? (deviceId, secret) : (Username, Password);

    public static IReadOnlyDictionary<string, string> LoadSecrets(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidDataException($"Credentials file '{path}' is empty.");
    }
}
