using OpsCenter.Simulators.Scenarios;
using OpsCenter.Simulators.Tests.Support;

namespace OpsCenter.Simulators.Tests;

public sealed class BadInputScenarioTests
{
    private static readonly DateTimeOffset Now = ScenarioHarness.Start;

    public static TheoryData<string> Kinds => [.. Enum.GetNames<MalformedKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_of_bad_input_breaks_the_contract(string kind)
    {
        var message = MalformedMessages.Build(Enum.Parse<MalformedKind>(kind), "cam-lechan-0010", "tfd-lachtray-01", "q-lechan-ubnd", Now);

        Assert.NotEmpty(ContractCheck.Problems(message, producedAt: Now));
    }

    [Fact]
    public async Task The_storm_mixes_every_kind_of_bad_input_with_valid_messages_that_pass()
    {
        var scenario = new BadInputScenario();
        var harness = new ScenarioHarness();
        await harness.RunAsync(scenario, new ScenarioOptions(Count: 200));

        var valid = harness.Messages.Where(m => ContractCheck.Problems(m, producedAt: Now + TimeSpan.FromMinutes(1)).Count == 0).ToList();
        Assert.Equal(scenario.Sent["valid"], valid.Count);
        Assert.All(Enum.GetNames<MalformedKind>(), kind => Assert.True(scenario.Sent.GetValueOrDefault(kind) > 0, kind));
        Assert.Equal(scenario.Sent.Values.Sum(), harness.Messages.Count);
        Assert.Contains("malformed (total)", harness.Output.ToString(), StringComparison.Ordinal);
    }
}
