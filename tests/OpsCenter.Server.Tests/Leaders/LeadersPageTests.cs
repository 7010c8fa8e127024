using System.Net;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>The leaders' dashboard page is for leaders and admins, and keeps to the no-inline-code policy.</summary>
[Collection(ServerCollection.Name)]
public sealed class LeadersPageTests(ServerFixture server)
{
    [Theory]
    [InlineData(Roles.Leader, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Operator, false)]
    [InlineData(Roles.Wall, false)]
    public async Task Only_leaders_and_admins_get_the_dashboard_and_it_has_no_inline_script_or_style(string role, bool allowed)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/leaders", TestContext.Current.CancellationToken);
        if (allowed)
            await PagePolicy.AssertServedAsync(response, "leaders/leaders.js");
        else
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
