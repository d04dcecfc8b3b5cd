using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace MyAccount.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MemberJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_member_reads_users_billing_and_invoices_opens_one_follows_the_usage_link_and_downloads_the_pdf()
    {
        await InvoiceHistory.EnsureAsync(browser.App);
        var page = await browser.SignedInPageAsync("member", "/account/users");

        await page.Locator("[data-testid=member-email]").First.WaitForAsync();
        (await page.Locator("[data-testid=invite]").CountAsync()).Should().Be(0);
        await browser.CheckPageAsync(page, "member-users");

        await page.GotoAsync("/account/billing");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=payment-method]").WaitForAsync();
        (await page.Locator("[data-testid=update-billing]").CountAsync()).Should().Be(0);
        await browser.CheckPageAsync(page, "member-billing");

        await page.GotoAsync("/account/invoices");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=invoice-number]").First.WaitForAsync();
        var numbers = await page.Locator("[data-testid=invoice-number]").AllInnerTextsAsync();
        numbers.Should().BeInDescendingOrder(StringComparer.Ordinal, "invoices are listed newest first");
        await browser.CheckPageAsync(page, "member-invoices");

        await page.Locator("[data-testid=invoice-number] a").First.ClickAsync();
        await page.Locator("[data-testid=invoice-title]").WaitForAsync();
        (await page.Locator("[data-testid=invoice-title]").InnerTextAsync()).Should().Be($"Invoice {numbers[0]}");
        await browser.CheckPageAsync(page, "member-invoice");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("Download PDF").ClickAsync());
        var path = Path.Combine(browser.ScreenshotFolder, $"{numbers[0]}.pdf");
        await download.SaveAsAsync(path);
        using (var pdf = PdfDocument.Open(path))
        {
            string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text)).Should().Contain($"Invoice {numbers[0]}");
        }

        await page.Locator("[data-testid=usage-link]").ClickAsync();
        await page.Locator("[data-testid=usage-product]").First.WaitForAsync();
        await browser.CheckPageAsync(page, "member-usage");
    }
}
