using Microsoft.Playwright;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Browser;

/// <summary>What is owed, as an admin of an account without a card meets it in Chromium: the summary, a card whose charges fail, Pay now, a good card.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PayNowJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_sees_what_is_unpaid_pays_now_with_a_failing_card_and_then_settles_everything_with_a_good_one()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await browser.SignedInPageAsync("admin", "/account/billing");
        var fabrikam = page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Fabrikam GmbH" });
        for (var attempt = 1; await fabrikam.CountAsync() == 0; attempt++)
        {
            // The menu opens once the circuit handles the click; on a busy machine a first click can come before that.
            await page.GetByLabel("Switch account").ClickAsync();
            try
            {
                await fabrikam.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }

        await fabrikam.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/billing", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=account-name]", new PageLocatorOptions { HasText = "Fabrikam GmbH" }).WaitForAsync();

        // No card: one summary of what is unpaid, with the invoices linked, and no Pay now yet.
        var summary = page.Locator("[data-testid=unpaid-summary]");
        await summary.WaitForAsync();
        (await page.Locator("[data-testid=unpaid-count]").InnerTextAsync()).Should().MatchRegex(@"^\d+ invoices? unpaid · EUR [\d,]+\.\d\d due$");
        (await summary.InnerTextAsync()).Should().Contain("Add a card to pay them.");
        (await page.Locator("[data-testid=unpaid-invoice]").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("[data-testid=pay-now]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=unpaid-summary]").CountAsync()).Should().Be(1, "one summary, never a banner per invoice");

        // A card whose charges fail: saved, charged at once, and the page shows the failure without a reload.
        await SaveCardAsync(page, "4000000000009995");
        await page.Locator("[data-testid=last-failure]", new PageLocatorOptions { HasText = "Your card has insufficient funds." }).WaitForAsync();
        await browser.CheckPageAsync(page, "pay-now-failing-card");

        // Pay now charges again at once and says why it did not work.
        await page.Locator("[data-testid=pay-now]").ClickAsync();
        await page.GetByText("still unpaid: Your card has insufficient funds.", new PageGetByTextOptions { Exact = false }).WaitForAsync();
        (await summary.IsVisibleAsync()).Should().BeTrue();

        // A good card: everything is charged and the summary goes away, live.
        await SaveCardAsync(page, "4242424242424242");
        await summary.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.GotoAsync("/account/invoices");
        await BrowserFixture.WaitInteractiveAsync(page);
        var chips = await page.Locator("td[data-label=Status]").AllInnerTextsAsync();
        chips.Should().NotBeEmpty().And.OnlyContain(c => c.Trim() == "Paid" || c.Trim() == "Nothing to pay" || c.Trim() == "Credit");
    }

    private async Task SaveCardAsync(IPage page, string number)
    {
        await page.Locator("[data-testid=update-billing]").ClickAsync();
        await page.Locator("[data-testid=save-billing]").WaitForAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        // Without a card on file the card fields are open already ("Add a card" is on); otherwise switch "Replace the card on file" on.
        var first = await dialog.GetByText("Add a card", new LocatorGetByTextOptions { Exact = true }).CountAsync() > 0;
        if (!first)
        {
            await dialog.GetByText("Replace the card on file", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        }

        await page.Locator("input[autocomplete=cc-number]").FillAsync(number);
        if (first)
        {
            // The address on the card; the country is preselected from the account's time zone (Europe/Berlin: Germany).
            await page.Locator("input[autocomplete=address-line1]").FillAsync("Hauptstraße 5");
            await page.Locator("input[autocomplete=address-level2]").FillAsync("Berlin");
            await page.Locator("input[autocomplete=postal-code]").FillAsync("10115");
        }

        await page.Locator("input[autocomplete=cc-exp]").FillAsync($"12/{(TestClock.CardExpiryYear(browser.App.Clock) % 100):D2}");
        await page.Locator("input[autocomplete=cc-csc]").FillAsync("123");
        await page.Locator("[data-testid=save-billing]").ClickAsync();
        await page.GetByText("Billing and payment information saved.").Last.WaitForAsync();
        await page.Locator("[data-testid=save-billing]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }
}
