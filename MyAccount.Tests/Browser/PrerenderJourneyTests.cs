using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>The prerendered page is visible seconds before the circuit is live: its actions must look and be disabled until then.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrerenderJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Before_the_circuit_starts_invite_is_disabled_under_a_connecting_bar_and_once_it_is_live_invite_works()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        // Hold Blazor's script back, as a slow link does: the page stays as prerendered until it is released.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync("/dev/signin?persona=admin&returnUrl=%2Faccount%2Fusers", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var invite = page.Locator("[data-testid=invite]");
        await invite.WaitForAsync();
        (await page.Locator("#app-ready").GetAttributeAsync("data-interactive")).Should().Be("false");
        (await invite.IsDisabledAsync()).Should().BeTrue("a click now would be lost");
        (await page.Locator("[data-testid=edit-member]").First.IsDisabledAsync()).Should().BeTrue();
        (await page.Locator("[data-testid=connecting-bar]").IsVisibleAsync()).Should().BeTrue();
        (await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" }).First.IsDisabledAsync())
            .Should().BeFalse("signing out is a plain form post that works without the circuit");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(browser.ScreenshotFolder, "prerendered-users.png") });

        release.SetResult();
        await BrowserFixture.WaitInteractiveAsync(page);
        (await invite.IsEnabledAsync()).Should().BeTrue();
        (await page.Locator("[data-testid=connecting-bar]").CountAsync()).Should().Be(0);
        await invite.ClickAsync();
        await page.Locator("[data-testid=send-invitation]").WaitForAsync();
    }
}
