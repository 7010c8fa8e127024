using System.Net;

namespace OpsCenter.Server.Tests.Devices;

/// <summary>The console page is for the people who run the control room, and keeps to the no-inline-code policy.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsolePageTests(ServerFixture server)
{
    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Admin)]
    public async Task Operators_and_admins_get_the_console_with_no_inline_script_or_style(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/console?area=x&kind=traffic", TestContext.Current.CancellationToken);
        await PagePolicy.AssertServedAsync(response, "console/console.js");
    }

    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Wall)]
    public async Task Leaders_and_wall_screens_are_refused(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/console", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
