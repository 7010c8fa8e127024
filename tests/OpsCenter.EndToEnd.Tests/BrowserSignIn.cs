using Microsoft.Playwright;

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
        // Only until the next page is committed: the landing page may send the browser on (to /wall or /leaders) before
        // its own load event, and waiting for that load then waits for a page that is already gone.
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }
}
