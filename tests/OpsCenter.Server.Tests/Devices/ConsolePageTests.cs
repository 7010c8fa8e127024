using System.Net;
using System.Text.RegularExpressions;

namespace OpsCenter.Server.Tests.Devices;

/// <summary>The console page is for the people who run the control room, and keeps to the no-inline-code policy.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class ConsolePageTests(ServerFixture server)
{
    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Admin)]
    public async Task Operators_and_admins_get_the_console_with_no_inline_script_or_style(string role)
    {
        using var client = server.ClientAs(role);
        using var response = await client.GetAsync("/console?area=x&kind=traffic", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("console/console.js", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
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

    /// <summary>A script element with a body (scripts with src= have none).</summary>
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
