using Microsoft.Playwright;

namespace MyAccount.Tests.Browser;

/// <summary>Every tab at 390 × 844 as a phone shows it: labels whole, values wrapped at word boundaries, totals in full, axe clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneJourneyTests(BrowserFixture browser)
{
    private async Task ReadsWellAsync(IPage page, string name)
    {
        (await PhoneLayout.ProblemsAsync(page)).Should().BeEmpty($"{name} should read at {PhoneLayout.Width} px");
        await browser.CheckPageAsync(page, $"phone-{name}");
    }

    private static async Task GoAsync(IPage page, string path, string waitFor)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator(waitFor).First.WaitForAsync();
    }

    [Fact]
    public async Task An_admin_reads_every_tab_on_a_phone()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await PhoneLayout.OpenAsync(browser, "admin", "/account/users");
        await page.Locator("[data-testid=member-email]").First.WaitForAsync();
        await ReadsWellAsync(page, "admin-users");

        await GoAsync(page, "/account/billing", "[data-testid=payment-method]");
        await ReadsWellAsync(page, "admin-billing");

        await GoAsync(page, "/account/subscriptions", "[data-testid=subscription-product]");
        await ReadsWellAsync(page, "admin-subscriptions");

        await GoAsync(page, "/account/invoices", "[data-testid=invoice-number]");
        await ReadsWellAsync(page, "admin-invoices");

        await page.Locator("[data-testid=invoice-number] a").First.ClickAsync();
        await page.Locator("[data-testid=invoice-title]").WaitForAsync();
        await ReadsWellAsync(page, "admin-invoice");

        await page.Locator("[data-testid=usage-link]").ClickAsync();
        await page.Locator("[data-testid=usage-product]").First.WaitForAsync();
        await ReadsWellAsync(page, "admin-usage");

        await GoAsync(page, "/account/activity", "[data-testid=activity-what]");
        await ReadsWellAsync(page, "admin-activity");
    }

    [Fact]
    public async Task The_billing_tab_shows_each_recent_invoice_number_and_total_in_full_on_a_phone()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await PhoneLayout.OpenAsync(browser, "payments", "/account/billing");
        await page.Locator("[data-testid=payment-status]").First.WaitForAsync();

        var cells = await page.Locator("[data-testid=payment-total], [data-testid=payment-invoice]").EvaluateAllAsync<Cell[]>("""
            els => els.map(el => {
              const r = el.getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(el);
              const text = range.getBoundingClientRect();
              return { text: el.innerText.trim(), fits: el.scrollWidth <= el.clientWidth, left: text.left, right: text.right,
                       lines: new Set([...range.getClientRects()].filter(c => c.width > 0).map(c => Math.round(c.top))).size };
            })
            """);

        cells.Should().NotBeEmpty();
        cells.Where((_, i) => i % 2 == 0).Select(c => c.Text).Should().OnlyContain(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^INV-\d+$"));
        cells.Where((_, i) => i % 2 == 1).Select(c => c.Text).Should().OnlyContain(t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^[A-Z]{3} [\d,]+\.\d{2}$"),
            "a total reads like \"USD 1,234.00\", never cut to \"USD 1\"");
        cells.Should().OnlyContain(c => c.Fits && c.Lines == 1 && c.Left >= 0 && c.Right <= PhoneLayout.Width,
            "each invoice number and total is on one line, inside its cell and on the screen");
        await ReadsWellAsync(page, "payments-billing");
    }

    [Fact]
    public async Task A_member_reads_users_and_billing_on_a_phone_and_is_told_whom_to_ask()
    {
        var page = await PhoneLayout.OpenAsync(browser, "member", "/account/users");
        await page.Locator("[data-testid=member-email]").First.WaitForAsync();
        (await page.Locator("[data-testid=restricted-note]").InnerTextAsync()).Should().StartWith("Ask an admin who can manage users: ");
        await ReadsWellAsync(page, "member-users");

        await GoAsync(page, "/account/billing", "[data-testid=payment-method]");
        (await page.Locator("[data-testid=restricted-note]").InnerTextAsync()).Should().StartWith("Ask an admin who can edit payment information: ");
        await ReadsWellAsync(page, "member-billing");
    }

    [Fact]
    public async Task A_support_agent_reads_the_console_on_a_phone()
    {
        var page = await PhoneLayout.OpenAsync(browser, "support", "/support");
        await page.GetByLabel("Account name, member email or invoice number").FillAsync("contoso");
        await page.Locator("[data-testid=support-result]").First.WaitForAsync();
        await ReadsWellAsync(page, "support-console");
    }

    private sealed class Cell
    {
        public string Text { get; set; } = "";
        public bool Fits { get; set; }
        public double Left { get; set; }
        public double Right { get; set; }
        public int Lines { get; set; }
    }
}
