using System.CommandLine;
using System.Text.Json;
using OpsCenter.Simulators.Cli;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Tests;

/// <summary>
/// <c>--data DIR</c>: the run command's data folder supplies the device secrets, the shared <c>opscenter-simulator</c>
/// account and the reporter key, so a scenario runs against <c>./run.sh</c>'s system with no other option; explicit
/// options still win.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private const string SimulatorSecret = "sim-secret-from-the-server";
    private const string ReporterKey = "ock_reporter_key_from_the_apphost";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("opscenter-sim-data-");

    private string Data => Path.Combine(_root.FullName, "data");

    public DataFolderTests()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(Data, "credentials")).FullName;
        File.WriteAllText(Path.Combine(credentials, "device-secrets.json"), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["cam-lechan-0001"] = "secret-a",
            ["tfd-lachtray-0001"] = "secret-b",
        }));
        File.WriteAllText(Path.Combine(credentials, "service-secrets.json"), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["opscenter-ingest"] = "not-for-the-simulator",
            [BrokerSettings.SimulatorAccount] = SimulatorSecret,
        }));
        File.WriteAllText(Path.Combine(credentials, "reporter-key.txt"), ReporterKey + "\n");
    }

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Data_option_supplies_device_secrets_the_simulator_account_and_the_reporter_key()
    {
        var (settings, data) = Read(_root.Parent!.FullName, "--data", Data);

        Assert.Equal("secret-a", settings.DeviceSecrets["cam-lechan-0001"]);
        Assert.Equal(("cam-lechan-0001", "secret-a"), settings.CredentialsFor("cam-lechan-0001"));
        Assert.Equal(BrokerSettings.SimulatorAccount, settings.Username);
        Assert.Equal(SimulatorSecret, settings.Password);
        Assert.Equal(ReporterKey, data!.ReporterKey());
        Assert.Equal(ReporterKey, ScenarioCommand.ApiKey(option: null, environment: null, data));
    }

    [Fact]
    public void The_data_folder_under_the_current_directory_is_used_when_it_exists()
    {
        var (found, _) = Read(_root.FullName);
        Assert.Equal(SimulatorSecret, found.Password);
        Assert.Equal(2, found.DeviceSecrets.Count);

        var (none, data) = Read(Directory.CreateDirectory(Path.Combine(_root.FullName, "elsewhere")).FullName);
        Assert.Null(data);
        Assert.Null(none.Username);
        Assert.Empty(none.DeviceSecrets);
    }

    [Fact]
    public void Explicit_options_win_over_the_data_folder()
    {
        var own = Path.Combine(_root.FullName, "own-secrets.json");
        File.WriteAllText(own, """{"cam-hongbang-0001":"secret-c"}""");

        var (settings, data) = Read(_root.FullName, "--data", Data, "--username", "someone", "--password", "pw", "--credentials", own);

        Assert.Equal(("someone", "pw"), (settings.Username, settings.Password));
        Assert.Equal(["cam-hongbang-0001"], settings.DeviceSecrets.Keys);
        Assert.Equal("from-option", ScenarioCommand.ApiKey("from-option", "from-environment", data));
        Assert.Equal("from-environment", ScenarioCommand.ApiKey(null, "from-environment", data));
    }

    [Fact]
    public void A_data_folder_that_does_not_exist_is_a_usage_error()
    {
        var command = new Command("probe");
        new BrokerOptions(_root.FullName, TextWriter.Null).AddTo(command);
        Assert.NotEmpty(command.Parse(["--data", Path.Combine(_root.FullName, "missing")]).Errors);
    }

    private static (BrokerSettings Settings, DataFolder? Data) Read(string currentDirectory, params string[] args)
    {
        var command = new Command("probe");
        var broker = new BrokerOptions(currentDirectory, TextWriter.Null).AddTo(command);
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return (broker.Read(result), broker.Data(result));
    }
}
