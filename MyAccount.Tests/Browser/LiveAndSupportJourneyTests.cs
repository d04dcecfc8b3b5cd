using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MyAccount.Domain.Access;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MyAccount.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LiveAndSupportJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_pages_of_one_account_show_a_posted_invoice_without_a_reload_and_another_accounts_page_does_not()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var first = await browser.SignedInPageAsync("users", "/account/invoices");
        var second = await browser.SignedInPageAsync("payments", "/account/users");
        var other = await browser.SignedInPageAsync("member", "/account/invoices");

        // Contoso's current month: the history covers the months before it.
        var result = await browser.App.Services.GetRequiredService<BillingEngine>()
            .RunAsync(new OperatorActor("browser-tests"), browser.App.CurrentMonth, await ContosoAsync());
        var number = result.Posted.Single().Number;

        await first.GetByText($"Invoice {number} for").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        await second.GetByText($"Invoice {number} for").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        await first.Locator("[data-testid=invoice-number]", new PageLocatorOptions { HasText = number }).WaitForAsync();
        (await other.GetByText($"Invoice {number}").CountAsync()).Should().Be(0);
        await browser.CheckPageAsync(first, "live-invoice-posted");

        // A second notice replaces the one still showing instead of stacking under it (the event is published directly: the
        // notice shows what the event says).
        var posted = result.Posted.Single();
        await browser.App.Services.GetRequiredService<MyAccount.Web.Live.AccountEventNotifier>().PublishAsync(
            new MyAccount.Domain.Notifications.InvoicePosted(posted.AccountId, "INV-NOTICE-2", posted.Period.ToString(), posted.TotalMinor, posted.CurrencyCode));
        await first.GetByText("Invoice INV-NOTICE-2 for").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        await Assertions.Expect(first.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "was posted" })).ToHaveCountAsync(1);
        (await first.GetByText($"Invoice {number} for").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_support_agent_finds_the_account_views_it_read_only_and_the_activity_log_shows_the_visit()
    {
        var page = await browser.SignedInPageAsync("support", "/support");
        await page.GetByLabel("Account name, member email or invoice number").FillAsync("northwind");
        await page.Locator("[data-testid=support-result]", new PageLocatorOptions { HasText = "Northwind Traders" }).WaitForAsync();
        await browser.CheckPageAsync(page, "support-console");
        await page.GetByLabel("Open Northwind Traders").ClickAsync();

        await page.Locator("[data-testid=support-banner]").WaitForAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        (await page.Locator("[data-testid=invite]").CountAsync()).Should().Be(0);
        await browser.CheckPageAsync(page, "support-users");

        await page.GotoAsync("/account/billing");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=payment-method]").WaitForAsync();
        (await page.Locator("[data-testid=update-billing]").CountAsync()).Should().Be(0);

        var member = await browser.SignedInPageAsync("member", "/account/activity");
        await member.Locator("[data-testid=activity-what]", new PageLocatorOptions { HasText = "Viewed by vendor support" }).First.WaitForAsync();
        await browser.CheckPageAsync(member, "member-activity");
    }

    private async Task<Domain.Common.AccountId> ContosoAsync()
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<MyAccountDbContext>>().CreateDbContextAsync();
        return (await db.Accounts.SingleAsync(a => a.Name == "Contoso Ltd")).Id;
    }
}
