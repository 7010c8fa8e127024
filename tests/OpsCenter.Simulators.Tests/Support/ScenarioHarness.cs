using OpsCenter.Simulators.Reporting;
using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Simulation;
using OpsCenter.Simulators.Transport;
using OpsCenter.Tests.Shared;

namespace OpsCenter.Simulators.Tests.Support;

/// <summary>Runs a scenario on a virtual clock against the in-memory broker: no network, no waiting.</summary>
internal sealed class ScenarioHarness
{
    public static readonly DateTimeOffset Start = TestCity.MondayMorning.AddHours(3);

    public InMemoryBroker Broker { get; } = new();
    public StringWriter Output { get; } = new();
    public RunStats Stats { get; } = new();

    public async Task RunAsync(IScenario scenario, ScenarioOptions? options = null, HttpMessageHandler? http = null, int seed = 42, string? apiKey = null)
    {
        using var client = new HttpClient(http ?? new StubHandler(_ => new HttpResponseMessage(System.Net.HttpStatusCode.Created)));
        var context = new ScenarioContext(TestCity.Demo, SimulationSettings.Create(seed), new VirtualClock(Start), Broker, Broker, client,
            new Uri("http://127.0.0.1:5999/"), Output, Stats, options ?? new ScenarioOptions(), apiKey);
        await scenario.RunAsync(context, TestContext.Current.CancellationToken);
    }

    public IReadOnlyList<OutboundMessage> Messages => Broker.Delivered.Select(d => d.Message).ToList();
}

internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
        return respond(request);
    }
}
