using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Demo;
using MyAccount.Domain.Members;
using MyAccount.Web.Email;

namespace MyAccount.Tests.Browser;

/// <summary>The break-in fixes as people meet them in Chromium: invitations, the account switcher's POST, a clean console.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HardeningJourneyTests(BrowserFixture browser)
{
    private async Task<string> InviteLinkAsync(string email)
    {
        var alice = await browser.App.Services.GetRequiredService<AccountDirectory>().ResolveAsync(DemoPersonas.Admin.Identity, false, null);
        await browser.App.Services.GetRequiredService<MemberManagement>().InviteAsync(alice.Actor!, alice.CurrentAccountId,
            new MemberAccessInput(email, null, [], new MemberPermissions(false, false)), new Uri(browser.BaseUrl + "/"));
        var outbox = browser.App.Services.GetRequiredService<EmailOptions>().PickupFolder;
        var message = Directory.GetFiles(outbox, "*.eml").Select(File.ReadAllText)
            .Last(m => m.Contains(email, StringComparison.OrdinalIgnoreCase)).Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        return "/" + Regex.Match(message, @"(invitations/accept\?token=[A-Za-z0-9_\-]+)").Groups[1].Value;
    }

    [Fact]
    public async Task The_invited_guest_joins_and_lands_in_the_account_while_another_person_is_told_whose_invitation_it_is()
    {
        var link = await InviteLinkAsync(DemoPersonas.Guest.Email);

        // Mia (another account) follows the link: she is told it is Gil's, and cannot join.
        var mia = await browser.SignedInPageAsync("member", link);
        await mia.Locator("[data-testid=invitation-refusal]").WaitForAsync();
        (await mia.Locator("[data-testid=invitation-refusal]").InnerTextAsync()).Should().Contain("This invitation is for gil@contoso.com");
        (await mia.Locator("[data-testid=accept-invitation]").CountAsync()).Should().Be(0);
        await browser.CheckPageAsync(mia, "invitation-wrong-person");

        // Gil joins, and the page opens Contoso for him (a POST with the antiforgery token).
        var gil = await browser.SignedInPageAsync("guest", link);
        await gil.Locator("[data-testid=accept-invitation]").ClickAsync();
        await gil.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/users", new PageWaitForURLOptions { Timeout = 20_000 });
        await BrowserFixture.WaitInteractiveAsync(gil);
        (await gil.Locator("[data-testid=account-name]").InnerTextAsync()).Should().Be("Contoso Ltd");
        await gil.Locator("[data-testid=member-email]", new PageLocatorOptions { HasText = "gil@contoso.com" }).WaitForAsync();
    }

    [Fact]
    public async Task An_admin_switches_accounts_from_the_app_bar_and_pages_load_without_csp_errors()
    {
        var page = await browser.SignedInPageAsync("admin", "/account/billing");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByLabel("Switch account").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new PageGetByRoleOptions { Name = "Fabrikam GmbH" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/billing");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=account-name]", new PageLocatorOptions { HasText = "Fabrikam GmbH" }).WaitForAsync();

        errors.Should().NotContain(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase), "the import map and the circuit's WebSocket are allowed");
    }
}
