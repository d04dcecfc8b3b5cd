using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>The dialogs and pages the journeys do not already check with axe: each opened as its users would, then checked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilitySweepTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_usage_alerts_dialog_and_the_empty_card_dialog_are_axe_clean_and_take_focus()
    {
        var page = await browser.SignedInPageAsync("admin", "/account/subscriptions");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new System.Text.RegularExpressions.Regex("^Change usage alerts for ") }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.WaitForAsync();
        await browser.CheckPageAsync(page, "admin-alerts-dialog");
        (await page.EvaluateAsync<bool>("() => !!document.activeElement && !!document.activeElement.closest('[role=dialog]')"))
            .Should().BeTrue("focus moves into the dialog");
        await page.Keyboard.PressAsync("Escape");
        await dialog.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        await page.GotoAsync("/account/billing");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=update-billing]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).WaitForAsync();
        await browser.CheckPageAsync(page, "admin-card-dialog");
    }

    [Fact]
    public async Task The_activity_log_filtered_from_the_address_is_axe_clean_and_keeps_its_filter_on_reload()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await browser.SignedInPageAsync("admin", "/account/activity?kind=Invoices");
        await page.Locator("[data-testid=activity-what]").First.WaitForAsync();
        (await page.Locator("[data-testid=activity-what]").AllTextContentsAsync()).Should().OnlyContain(t => t.StartsWith("Invoice") || t == "Payment failed");
        (await page.Locator("[data-testid=activity-who]").First.TextContentAsync()).Should().Contain("System");
        var target = page.Locator("a[data-testid=activity-target]").First;
        var number = (await target.TextContentAsync())!.Trim();
        (await target.GetAttributeAsync("href")).Should().Be($"/account/invoices/{number}");
        await browser.CheckPageAsync(page, "admin-activity-invoices");

        await page.GetByLabel("Person").FillAsync("nobody-here");
        await page.GetByLabel("Person").PressAsync("Enter");
        // The address changes in place (history.replaceState), without a page load.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("kind=Invoices&person=nobody-here"));
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByText("Nothing has happened yet that matches.").WaitForAsync();
        (await page.GetByLabel("Person").InputValueAsync()).Should().Be("nobody-here");
    }

    [Fact]
    public async Task A_member_refused_the_support_console_gets_an_axe_clean_no_access_page()
    {
        var page = await browser.SignedInPageAsync("member", "/account/users");
        var response = await page.GotoAsync("/support");
        response!.Status.Should().Be(403);
        await page.GetByRole(AriaRole.Heading).First.WaitForAsync();
        await browser.CheckPageAsync(page, "member-no-access");
    }
}
