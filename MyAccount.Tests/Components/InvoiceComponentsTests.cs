using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;
using MyAccount.Tests.Invoices;
using MyAccount.Web.Components.Pages.Invoices;
using MyAccount.Web.Documents;
using MyAccount.Web.Live;

namespace MyAccount.Tests.Components;

/// <summary>The Invoices tab's components over real invoices made by the billing engine on SQLite.</summary>
public sealed class InvoiceComponentsTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private AccountId _acme;
    private AccountEventNotifier _notifier = null!;

    protected override async Task SetUpAsync()
    {
        _domain = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _acme = await InvoiceScenario.TwoInvoicesAsync(_domain);
        _notifier = new AccountEventNotifier(NullLogger<AccountEventNotifier>.Instance);
        Services.AddSingleton(_domain.Get<InvoiceQueries>());
        Services.AddSingleton(_notifier);
        Services.AddSingleton(new SharedReloads());
        Services.AddSingleton(new VendorOptions { Name = "Lumen Software Ltd." });
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    private SignedInPerson Operator => new(BillingScenario.Operator, new AccountChoice(_acme, "Acme", "USD"), [], IsSupportAgent: false);

    [Fact]
    public void The_list_shows_the_newest_invoice_first_with_month_status_and_total()
    {
        var cut = Render<InvoicesPage>(p => p.AddCascadingValue(Operator));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invoice-number]").Should().HaveCount(2));
        var rows = cut.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        rows[0].Should().Contain("November 2026").And.Contain("Nov 1, 2026").And.Contain("Due").And.Contain("USD 283.67");
        rows[1].Should().Contain("October 2026");
        cut.Find("[data-testid=invoice-number] a").GetAttribute("href").Should().EndWith("/account/invoices/INV-000002");
    }

    [Fact]
    public void An_account_without_invoices_says_when_the_first_one_comes()
    {
        var cut = Render<InvoicesTable>(p => p.Add(t => t.Invoices, []));
        cut.Markup.Should().Contain("No invoices yet.");
    }

    [Fact]
    public async Task A_posted_invoice_appears_in_an_open_list_without_a_reload()
    {
        var cut = Render<InvoicesPage>(p => p.AddCascadingValue(Operator));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invoice-number]").Should().HaveCount(2));

        _domain.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
        var run = await new BillingScenario(_domain).RunAsync("2026-12");
        var posted = run.Posted.Single();
        await _notifier.PublishAsync(new InvoicePosted(posted.AccountId, posted.Number, "2026-12", posted.TotalMinor, "USD"));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=invoice-number]").Select(e => e.TextContent.Trim()).Should().Equal(posted.Number, "INV-000002", "INV-000001"));
    }

    [Fact]
    public async Task The_detail_shows_each_products_lines_with_the_month_they_pay_for_and_the_totals()
    {
        var invoice = await _domain.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, "INV-000002");
        var cut = Render<InvoiceDocument>(p => p.Add(d => d.Invoice, invoice).Add(d => d.VendorName, "Lumen Software Ltd."));

        var products = cut.FindAll("[data-testid=invoice-product]");
        products.Should().HaveCount(2);
        products[0].QuerySelector("h3")!.TextContent.Should().Be("geo product");
        products[0].QuerySelector("[data-testid=product-total]")!.TextContent.Should().Be("USD 81.67");
        var geoLines = products[0].QuerySelectorAll("[data-testid=invoice-line]").Select(l => l.TextContent).ToList();
        geoLines[0].Should().Contain("In advance · November 2026").And.Contain("USD 50.00");
        geoLines[1].Should().Contain("Proration · October 2026").And.Contain("Oct 15 – Oct 31, 2026").And.Contain("USD 27.42");
        geoLines[2].Should().Contain("In arrears · October 2026").And.Contain("USD 4.25");
        products[0].TextContent.Should().Contain("New on this invoice");
        cut.Find("[data-testid=invoice-total]").TextContent.Should().Be("USD 283.67");
        cut.Find("[data-testid=usage-link]").GetAttribute("href").Should().Be("/account/invoices/INV-000002/usage");
    }

    [Fact]
    public void The_usage_page_shows_each_product_with_a_row_per_day_a_column_per_usage_type_and_the_totals()
    {
        var cut = Render<InvoiceUsagePage>(p => p.Add(u => u.Number, "INV-000002").AddCascadingValue(Operator));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=usage-product]").Should().HaveCount(2));
        cut.Markup.Should().Contain("Usage in October 2026");
        var search = cut.FindAll("[data-testid=usage-product]")[1];
        search.QuerySelector("[data-testid=usage-product-total]")!.TextContent.Should().Be("1,200 requests");
        var columns = Cells(search.QuerySelectorAll("[data-testid=usage-days] thead th"));
        columns.Should().BeEquivalentTo("Day", "query", "lookup", "Total").And.StartWith("Day").And.EndWith("Total");
        Dictionary<string, string> Row(AngleSharp.Dom.IElement row) => columns.Zip(Cells(row.Children)).ToDictionary(c => c.First, c => c.Second);
        search.QuerySelectorAll("[data-testid=usage-day]").Select(Row).Should().BeEquivalentTo(
        [
            new Dictionary<string, string> { ["Day"] = "Oct 5", ["query"] = "1,150", ["lookup"] = "0", ["Total"] = "1,150" },
            new Dictionary<string, string> { ["Day"] = "Oct 6", ["query"] = "0", ["lookup"] = "50", ["Total"] = "50" },
        ], o => o.WithStrictOrdering());
        Row(search.QuerySelector("[data-testid=usage-days-total]")!).Should().BeEquivalentTo(
            new Dictionary<string, string> { ["Day"] = "Total", ["query"] = "1,150", ["lookup"] = "50", ["Total"] = "1,200" });
        search.QuerySelectorAll("[data-testid=usage-days] td").Should().OnlyContain(td => td.ClassList.Contains("number"), "numbers are right-aligned");
    }

    [Fact]
    public void The_chart_draws_the_included_volume_and_the_page_says_the_day_it_was_used_up()
    {
        var cut = Render<InvoiceUsagePage>(p => p.Add(u => u.Number, "INV-000002").AddCascadingValue(Operator));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=usage-product]").Should().HaveCount(2));
        var (geo, search) = (cut.FindAll("[data-testid=usage-product]")[0], cut.FindAll("[data-testid=usage-product]")[1]);
        // search: 1,150 on Oct 5 reaches the 1,000 included; geo: 140 on Oct 20 passes the prorated 55.
        search.QuerySelector("[data-testid=usage-used-up]")!.TextContent.Should().Be("Included volume used up on Oct 5");
        geo.QuerySelector("[data-testid=usage-used-up]")!.TextContent.Should().Be("Included volume used up on Oct 20");
        Legend(search).Should().Equal("Used so far (requests)", "Included: 1,000 requests");
        Legend(geo).Should().Contain("Included: 55 requests");
        var drawn = cut.FindComponents<MudBlazor.MudChart<double>>()[1].Instance.ChartSeries;
        drawn.Select(s => s.Name).Should().Equal("Used so far (requests)", "Included: 1,000 requests");
        drawn[0].Data.Values.Skip(3).Take(4).Should().Equal([0d, 1_150d, 1_200d, 1_200d], "Oct 4–7: the running total");
        drawn[1].Data.Values.Should().HaveCount(31).And.OnlyContain(v => v == 1_000d, "the included volume is a level line over the month");
        var chart = search.QuerySelector("[data-testid=usage-chart]")!;
        chart.GetAttribute("role").Should().Be("img");
        chart.GetAttribute("aria-label").Should().Be("Running total of search product usage in October 2026: 1,200 requests used of 1,000 included, used up on Oct 5.");
    }

    [Fact]
    public async Task Usage_below_the_included_volume_or_without_one_says_nothing_was_used_up()
    {
        var usage = await _domain.Get<InvoiceQueries>().GetInvoiceUsageAsync(BillingScenario.Operator, "INV-000002");
        var search = usage.Products.Single(p => p.ProductCode == "search");

        var below = Render<ProductUsagePanel>(p => p.Add(c => c.Product, search with { IncludedVolume = 1_201 }).Add(c => c.Month, usage.UsagePeriod));
        var without = Render<ProductUsagePanel>(p => p.Add(c => c.Product, search with { IncludedVolume = null }).Add(c => c.Month, usage.UsagePeriod));

        below.FindAll("[data-testid=usage-used-up]").Should().BeEmpty();
        Legend(below.Find("[data-testid=usage-product]")).Should().Equal("Used so far (requests)", "Included: 1,201 requests");
        below.Find("[data-testid=usage-chart]").GetAttribute("aria-label").Should().EndWith("1,200 requests used of 1,201 included, not used up.");
        without.FindAll("[data-testid=usage-used-up]").Should().BeEmpty();
        Legend(without.Find("[data-testid=usage-product]")).Should().Equal("Used so far (requests)");
        without.Find("[data-testid=usage-included]").TextContent.Trim().Should().Be("No included volume on this invoice");
    }

    private static List<string> Cells(IEnumerable<AngleSharp.Dom.IElement> cells) => cells.Select(c => c.TextContent.Trim()).ToList();

    private static List<string> Legend(AngleSharp.Dom.IElement product) => Cells(product.QuerySelectorAll("[data-testid=usage-legend] li"));

    [Fact]
    public async Task A_credit_note_appears_on_an_open_invoice_with_the_lower_amount_due_and_under_its_invoice_in_the_list()
    {
        var page = Render<InvoiceDetailPage>(p => p.Add(d => d.Number, "INV-000002").AddCascadingValue(Operator));
        page.WaitForAssertion(() => page.Find("[data-testid=invoice-amount-due]").TextContent.Should().Be("USD 283.67"));
        page.FindAll("[data-testid=credit-note]").Should().BeEmpty();

        var note = await _domain.Get<CreditNoteService>().IssueAsync(BillingScenario.Operator, "INV-000002",
            new CreditNoteInput("Geocoding was down on the 3rd", 33_67, null, null));
        await _notifier.PublishAsync(new CreditNoteIssued(_acme, note.Number, "INV-000002"));

        page.WaitForAssertion(() => page.Find("[data-testid=invoice-amount-due]").TextContent.Should().Be("USD 250.00"));
        var row = page.Find("[data-testid=credit-note]");
        row.TextContent.Should().Contain(note.Number).And.Contain("Geocoding was down on the 3rd").And.Contain("Taken off the amount due").And.Contain("USD -33.67");
        row.QuerySelector("a")!.GetAttribute("href").Should().Be($"/account/credit-notes/{note.Number}/pdf");

        var list = Render<InvoicesPage>(p => p.AddCascadingValue(Operator));
        list.WaitForAssertion(() => list.FindAll("[data-testid=invoice-credit-note-row]").Should().ContainSingle());
        var listed = list.Find("[data-testid=invoice-credit-note-row]");
        listed.TextContent.Should().Contain(note.Number).And.Contain("USD -33.67").And.Contain("Taken off the amount due");
        listed.ParentElement!.QuerySelector("a")!.TextContent.Should().Be("INV-000002", "the credit note sits under the invoice it credits");
    }

    [Fact]
    public async Task A_refund_that_failed_says_so_with_the_gateways_reason()
    {
        var invoice = await _domain.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, "INV-000002");
        var failed = new CreditNoteView(CreditNoteId.New(), "CN-000009", invoice.Number, _acme, "USD", "Duplicate charge", 10_00, CreditNoteSettlement.Refund,
            _domain.Clock.GetUtcNow().UtcDateTime, "ops", [], RefundStatus.Failed, null, null, "Charge already refunded.");

        var cut = Render<InvoiceDocument>(p => p.Add(d => d.Invoice, invoice with { CreditNotes = [failed] }).Add(d => d.VendorName, "Lumen Software Ltd."));

        cut.Find("[data-testid=credit-note-settlement]").TextContent.Should().Be("Refund failed: Charge already refunded.");
    }
}
