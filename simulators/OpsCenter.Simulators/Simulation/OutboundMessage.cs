using OpsCenter.Contracts.Devices;

namespace OpsCenter.Simulators.Simulation;

/// <summary>One MQTT publication as the simulator means to send it; transports decide how.</summary>
internal sealed record OutboundMessage(string Topic, byte[] Payload, bool Retain)
{
    public string DeviceId => DeviceTopic.TryParse(Topic, out var topic) ? topic.DeviceId : "";
}

/// <summary>What a device sends when it connects: its Last Will (composed now) and its retained online status.</summary>
internal sealed record ConnectMessages(OutboundMessage Will, OutboundMessage Online);

/// <summary>
/// What the fleet model produces for a device at a moment: a message, or a simulated reboot
/// (the device drops off abruptly and reconnects with its sequence restarted).
/// </summary>
internal sealed record DeviceOutput(string DeviceId, DateTimeOffset At, OutboundMessage? Message, ConnectMessages? Reboot);
