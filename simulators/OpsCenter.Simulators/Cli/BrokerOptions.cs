using System.CommandLine;
using MQTTnet.Protocol;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

/// <summary>The broker connection options every publishing sub-command shares.</summary>
internal sealed class BrokerOptions
{
    private readonly Option<string> _host = new("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
    private readonly Option<string?> _username = new("--username") { Description = "Shared MQTT username" };
    private readonly Option<string?> _password = new("--password") { Description = "Shared MQTT password" };
    private readonly Option<FileInfo?> _credentials = new("--credentials")
    {
        Description = "JSON map deviceId → secret; listed devices connect with username = their id and that secret",
    };
    private readonly Option<int> _qos = new("--qos") { Description = "MQTT QoS for telemetry and events (0, 1 or 2)", DefaultValueFactory = _ => 1 };

    public BrokerOptions AddTo(Command command)
    {
        _qos.AcceptOnlyFromAmong("0", "1", "2");
        foreach (var option in new Option[] { _host, _port, _username, _password, _credentials, _qos })
            command.Options.Add(option);
        return this;
    }

    public BrokerSettings Read(ParseResult result) => new()
    {
        Host = result.GetValue(_host) ?? "127.0.0.1",
        Port = result.GetValue(_port),
        Username = result.GetValue(_username),
        Password = result.GetValue(_password),
        Qos = (MqttQualityOfServiceLevel)result.GetValue(_qos),
        DeviceSecrets = result.GetValue(_credentials) is { } file
            ? BrokerSettings.LoadSecrets(file.FullName)
            : new Dictionary<string, string>(),
    };
}
