using Microsoft.Playwright;
using MyAccount.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_invites_a_colleague_edits_their_access_and_removes_them()
    {
        var page = await browser.SignedInPageAsync("admin", "/account/users");
        await page.Locator("[data-testid=invite]").ClickAsync();
        await page.Locator("[data-testid=send-invitation]").WaitForAsync();
        await browser.CheckPageAsync(page, "admin-invite-dialog");
        await page.Locator("input[type=email]").FillAsync("colleague@contoso.com");
        await page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "Products" }).GetByText("Search API").ClickAsync();
        await page.Locator("[data-testid=send-invitation]").ClickAsync();
        await page.Locator("[data-testid=invitation-email]", new PageLocatorOptions { HasText = "colleague@contoso.com" }).WaitForAsync();

        var outbox = browser.App.Services.GetRequiredService<EmailOptions>().PickupFolder;
        Directory.GetFiles(outbox, "*.eml").Select(File.ReadAllText).Should().Contain(m => m.Contains("colleague@contoso.com", StringComparison.Ordinal)
                                                                                        && m.Contains("invitations/accept?token=", StringComparison.Ordinal));

        // Revoke it again after the confirmation (the button's icon is what gets clicked: the table's one handler finds its row).
        await page.GetByLabel("Revoke the invitation to colleague@contoso.com").Locator(".glyph-mask").ClickAsync();
        await page.GetByText("Revoke the invitation to colleague@contoso.com? The link in their email stops working.").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Revoke", Exact = true }).ClickAsync();
        await page.GetByText("The invitation to colleague@contoso.com was revoked.").WaitForAsync();
        (await page.Locator("[data-testid=invitation-email]", new PageLocatorOptions { HasText = "colleague@contoso.com" }).CountAsync()).Should().Be(0);

        // Edit an existing member's access, then remove them after the confirmation.
        await page.GetByLabel("Edit ops@contoso.com").ClickAsync();
        await page.Locator("[data-testid=permission-summary]").WaitForAsync();
        await browser.CheckPageAsync(page, "admin-edit-dialog");
        await page.GetByText("May edit payment information").ClickAsync();
        await page.Locator("[data-testid=save-member]").ClickAsync();
        await page.GetByText("ops@contoso.com was updated.").WaitForAsync();

        await page.GetByLabel("Remove ops@contoso.com").ClickAsync();
        await page.GetByText("Remove ops@contoso.com from Contoso Ltd?").WaitForAsync();
        await browser.CheckPageAsync(page, "admin-remove-confirmation");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove", Exact = true }).ClickAsync();
        await page.GetByText("ops@contoso.com was removed.").WaitForAsync();
        (await page.Locator("[data-testid=member-email]", new PageLocatorOptions { HasText = "ops@contoso.com" }).CountAsync()).Should().Be(0);

        // Search as you type: the list follows once typing pauses (timed by the page's script), and comes back when cleared.
        var emails = page.Locator("[data-testid=member-email]");
        await page.Locator("[data-testid=member-search]").PressSequentiallyAsync("uma@");
        await Assertions.Expect(emails).ToHaveTextAsync(["uma@contoso.com"]);
        await Assertions.Expect(page.Locator("[data-testid=member-count]")).ToHaveTextAsync("1 member");
        await page.Locator("[data-testid=member-search]").FillAsync("");
        await Assertions.Expect(page.Locator("[data-testid=member-count]")).Not.ToHaveTextAsync("1 member");
        (await emails.CountAsync()).Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task An_admin_is_refused_a_card_whose_postal_code_fails_then_saves_a_good_card_and_edits_the_recipients()
    {
        var page = await browser.SignedInPageAsync("admin", "/account/billing");
        await page.Locator("[data-testid=update-billing]").ClickAsync();
        await page.Locator("[data-testid=save-billing]").WaitForAsync();
        await page.GetByText("Replace the card on file").ClickAsync();
        await page.Locator("input[autocomplete=cc-number]").FillAsync("4000000000000036");
        await page.Locator("input[autocomplete=cc-exp]").FillAsync($"12/{(TestClock.CardExpiryYear(browser.App.Clock) % 100):D2}");
        await page.Locator("input[autocomplete=cc-csc]").FillAsync("123");
        await page.Locator("[data-testid=save-billing]").ClickAsync();
        await page.Locator("[data-testid=address-check-failed]", new PageLocatorOptions { HasText = "The billing address does not match the card" }).WaitForAsync();
        await browser.CheckPageAsync(page, "admin-billing-refused");
        // What was typed stays after a failed save.
        (await page.Locator("input[autocomplete=cc-number]").InputValueAsync()).Should().Be("4000000000000036");
        (await page.Locator("input[autocomplete=cc-csc]").InputValueAsync()).Should().Be("123");

        await page.Locator("input[autocomplete=cc-number]").FillAsync("4242424242424242");
        await page.GetByLabel("Email addresses, one per line").FillAsync("billing@contoso.com\nap@contoso.com");
        await page.Locator("[data-testid=save-billing]").ClickAsync();
        await page.GetByText("Billing and payment information saved.").WaitForAsync();

        (await page.Locator("[data-testid=card-summary]").InnerTextAsync()).Should().Be("Visa ending in 4242");
        (await page.Locator("[data-testid=recipient]").AllInnerTextsAsync()).Select(t => t.Trim()).Should().Equal("ap@contoso.com", "billing@contoso.com");
        await browser.CheckPageAsync(page, "admin-billing-saved");
    }
}
