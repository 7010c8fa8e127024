using System.Net;
using System.Text.RegularExpressions;

namespace OpsCenter.Server.Tests.Leaders;

/// <summary>The leaders' dashboard page is for leaders and admins, and keeps to the no-inline-code policy.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class LeadersPageTests(ServerFixture server)
{
    [Theory]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.Admin)]
    public async Task Leaders_and_admins_get_the_dashboard_with_no_inline_script_or_style(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/leaders", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("leaders/leaders.js", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Wall)]
    public async Task Operators_and_wall_screens_are_refused(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/leaders", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>A script element with a body (scripts with src= have none).</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
