using System.CommandLine;
using MQTTnet.Protocol;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

/// <summary>The broker connection options every publishing sub-command shares.</summary>
/// <param name="currentDirectory">Where <c>./data</c> is looked for (the process's current directory outside tests).</param>
/// <param name="notes">Where to say what was taken from the data folder (standard error outside tests).</param>
internal sealed class BrokerOptions(string? currentDirectory = null, TextWriter? notes = null)
{
    private readonly Option<string> _host = new("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = new("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
    private readonly Option<string?> _username = new("--username")
    {
        Description = $"Shared MQTT username for connections that speak for many devices (default with --data: {BrokerSettings.SimulatorAccount})",
    };
    private readonly Option<string?> _password = new("--password") { Description = "Shared MQTT password" };
    private readonly Option<FileInfo?> _credentials = new("--credentials")
    {
        Description = "JSON map deviceId → secret; listed devices connect with username = their id and that secret (default with --data: its credentials/device-secrets.json)",
    };
    private readonly Option<DirectoryInfo> _data = new("--data")
    {
        Description = "The run command's data folder (default: ./data when it exists): device secrets, the opscenter-simulator account and the reporter key are read from its credentials/ folder; explicit options win",
    };
    private readonly Option<int> _qos = new("--qos") { Description = "MQTT QoS for telemetry and events (0, 1 or 2)", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _outbox = new("--outbox")
    {
        Description = "Unacknowledged messages each device keeps and sends again after a reconnect; when full the oldest are dropped and counted as failed",
        DefaultValueFactory = _ => Outbox.DefaultCapacity,
    };

    public BrokerOptions AddTo(Command command)
    {
        _qos.AcceptOnlyFromAmong("0", "1", "2");
        _data.AcceptExistingOnly();
        _outbox.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError("--outbox must be at least 1.");
        });
        foreach (var option in new Option[] { _host, _port, _username, _password, _credentials, _data, _qos, _outbox })
            command.Options.Add(option);
        return this;
    }

    /// <summary>The folder named by <c>--data</c>, or <c>./data</c> when it exists.</summary>
    public DataFolder? Data(ParseResult result) =>
        DataFolder.Find(result.GetValue(_data), currentDirectory ?? Environment.CurrentDirectory);

    public BrokerSettings Read(ParseResult result)
    {
        var data = Data(result);
        var username = result.GetValue(_username);
        var password = result.GetValue(_password);
        if (username is null && data?.SimulatorSecret() is { } secret)
        {
            username = BrokerSettings.SimulatorAccount;
            password = secret;
        }
        var settings = new BrokerSettings
        {
            Host = result.GetValue(_host) ?? "127.0.0.1",
            Port = result.GetValue(_port),
            Username = username,
            Password = password,
            Qos = (MqttQualityOfServiceLevel)result.GetValue(_qos),
            OutboxCapacity = result.GetValue(_outbox),
            DeviceSecrets = result.GetValue(_credentials) is { } file
                ? BrokerSettings.LoadSecrets(file.FullName)
                : data?.DeviceSecrets() ?? new Dictionary<string, string>(),
        };
        if (data is not null)
        {
            (notes ?? Console.Error).WriteLine($"Data folder {data.FullPath}: {settings.DeviceSecrets.Count} device secrets" +
                (settings.Username is null ? ", no shared account" : $", shared account {settings.Username}"));
        }
        return settings;
    }
}
