using System.CommandLine;
using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;

namespace OpsCenter.Simulators.Cli;

internal static class ScenarioCommand
{
    /// <summary>The run command's Server (OpsCenter.AppHost's fixed port).</summary>
    public static readonly Uri DefaultServerUrl = new("http://127.0.0.1:5080/");

    public const string ApiKeyVariable = "OPSCENTER_API_KEY";

    /// <param name="currentDirectory">Where <c>./data</c> is looked for; <paramref name="environment"/> reads variables. Both only for tests.</param>
    public static Command Create(string? currentDirectory = null, Func<string, string?>? environment = null)
    {
        var name = new Argument<string?>("name") { Description = "Scenario to play (see --list)", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the scenarios and what operators should see" };
        var speed = new Option<double>("--speed") { Description = "Compress the scenario's timeline (it replays the recent past and ends now)", DefaultValueFactory = _ => 1 };
        var serverUrl = new Option<Uri>("--server-url")
        {
            Description = "OpsCenter server base URL, for citizen-reports",
            DefaultValueFactory = _ => DefaultServerUrl,
            CustomParser = arg =>
            {
                if (Uri.TryCreate(arg.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return uri;
                arg.AddError($"'{arg.Tokens[0].Value}' is not an http(s) URL.");
                return null;
            },
        };
        var area = new Option<string?>("--area") { Description = "Area id (camera-outage), e.g. lechan" };
        var road = new Option<string?>("--road") { Description = "Road name (accident), e.g. \"Lạch Tray\"" };
        var office = new Option<string?>("--office") { Description = "Office device id (office-backlog), e.g. q-lechan-ubnd" };
        var count = new Option<int?>("--count") { Description = "How many: reports (citizen-reports), devices (flapping), messages (bad-input)" };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The Server's 'reporter' service key, sent as {CitizenReportsScenario.ApiKeyHeader} (citizen-reports; default: ${ApiKeyVariable}, then the --data folder's credentials/reporter-key.txt)",
        };
        var command = new Command("scenario", "Play a scripted situation: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) + ".");
        command.Arguments.Add(name);
        var broker = new BrokerOptions(currentDirectory).AddTo(command);
        var simulation = new SimulationOptions().AddTo(command);
        foreach (var option in new Option[] { list, speed, serverUrl, apiKey, area, road, office, count })
            command.Options.Add(option);

        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = result.GetValue(name) is { } n ? ScenarioCatalog.Find(n) : null;
            if (result.GetValue(list) || chosen is null)
            {
                if (result.GetValue(name) is { } unknown && chosen is null)
                    await Console.Error.WriteLineAsync($"Unknown scenario '{unknown}'.");
                PrintList();
                return result.GetValue(list) ? 0 : 2;
            }

            var inventory = simulation.Inventory(result);
            var settings = simulation.Settings(result, inventory);
            var brokerSettings = broker.Read(result);
            var key = ApiKey(result.GetValue(apiKey), (environment ?? Environment.GetEnvironmentVariable)(ApiKeyVariable), broker.Data(result));
            var stats = new RunStats();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            await using var sink = new MqttMessageSink(brokerSettings, $"{BrokerSettings.SimulatorAccount}-{chosen.Name}", connections: 2);
            var context = new ScenarioContext(inventory, settings,
                AcceleratedClock.EndingNow(chosen.Length, Math.Max(0.01, result.GetValue(speed))),
                new MqttDeviceLinkFactory(brokerSettings, clientIdSuffix: "-scn"), sink, http, result.GetValue(serverUrl)!, Console.Out, stats,
                new ScenarioOptions(result.GetValue(area), result.GetValue(road), result.GetValue(office), result.GetValue(count)), key);

            Console.WriteLine($"Scenario {chosen.Name}: {chosen.Summary}");
            PrintExpectations(chosen);
            await using (new ProgressDisplay(stats))
                await chosen.RunAsync(context, cancellationToken);
            Console.WriteLine($"Summary: {stats.Line()}");
            PrintExpectations(chosen);
            return stats.Failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The explicit option, then the environment variable, then the run command's data folder.</summary>
    public static string? ApiKey(string? option, string? environment, DataFolder? data) =>
        !string.IsNullOrWhiteSpace(option) ? option.Trim()
        : !string.IsNullOrWhiteSpace(environment) ? environment.Trim()
        : data?.ReporterKey();

    private static void PrintExpectations(IScenario scenario)
    {
        Console.WriteLine("Operators should see:");
        foreach (var line in scenario.OperatorsShouldSee)
            Console.WriteLine($"  - {line}");
    }

    private static void PrintList()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            Console.WriteLine($"{scenario.Name,-16} {scenario.Summary} (~{scenario.Length.TotalMinutes:0.#} simulated min)");
            foreach (var line in scenario.OperatorsShouldSee)
                Console.WriteLine($"{"",-16}   - {line}");
        }
    }
}
