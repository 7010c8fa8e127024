using Microsoft.Playwright;
using OpsCenter.Tests.Shared;

namespace OpsCenter.EndToEnd.Tests;

/// <summary>Signing in through the login page, as a person does, on the way to <c>returnUrl</c>.</summary>
internal static class BrowserSignIn
{
    public static async Task SignInAsync(IPage page, CityFixture city, string username, string returnUrl)
    {
        await page.GotoAsync(new Uri(city.Server.BaseUrl, $"login?returnUrl={Uri.EscapeDataString(returnUrl)}").ToString());
        await page.FillAsync("[data-testid=username]", username);
        await page.FillAsync("[data-testid=password]", city.PasswordOf(username));
        await page.ClickAsync("[data-testid=submit]");
        // Only until the browser has left the login page, read from its URL: the landing page may send it on (to /wall
        // or /leaders) before its own load event, and Playwright's URL wait then waits for a load state of a page that
        // is already gone (it timed out so once, on a busy machine).
        await Eventually.True(() => !page.Url.Contains("/login", StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"{username} signed in");
    }

    /// <summary>
    /// Waits until the browser is on a page whose URL matches, read from its URL for the reason above: Playwright's
    /// navigation wait missed a landing page that had already sent the browser on (timed out in fresh-clone runs).
    /// </summary>
    public static Task ArrivesAtAsync(IPage page, System.Text.RegularExpressions.Regex url) =>
        Eventually.True(() => url.IsMatch(page.Url), TimeSpan.FromSeconds(30), $"the browser on {url}");
}
