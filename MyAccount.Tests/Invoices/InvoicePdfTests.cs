using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Documents;
using UglyToad.PdfPig;

namespace MyAccount.Tests.Invoices;

public sealed class InvoicePdfTests : IAsyncLifetime
{
    private DomainFixture _fixture = null!;
    private AccountId _acme;

    public async Task InitializeAsync()
    {
        _fixture = await DomainFixture.CreateAsync(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        _acme = await InvoiceScenario.TwoInvoicesAsync(_fixture);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task The_pdf_holds_the_number_each_products_total_the_invoice_total_and_the_usage_appendix()
    {
        var queries = _fixture.Get<InvoiceQueries>();
        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11");
        var invoice = await queries.GetInvoiceAsync(BillingScenario.Operator, number);
        var usage = await queries.GetInvoiceUsageAsync(BillingScenario.Operator, number);

        var bytes = new InvoicePdfRenderer(new VendorOptions { Name = "Lumen Software Ltd." }).RenderPdf(invoice, usage);

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.Should().Be(2);
        var first = Text(pdf.GetPage(1));
        first.Should().Contain($"Invoice {number}").And.Contain("Billed to: Acme").And.Contain("Lumen Software Ltd.");
        first.Should().Contain("geo product USD 81.67").And.Contain("search product USD 202.00");
        first.Should().Contain("Invoice total USD 283.67");
        first.Should().Contain("Subscription fee for November 2026, in advance");
        var appendix = Text(pdf.GetPage(2));
        appendix.Should().Contain("Appendix: usage in October 2026").And.Contain("1,200 requests").And.Contain("query 1,150");
        pdf.Information.Title.Should().Be($"Invoice {number}");
    }

    [Fact]
    public async Task The_pdf_lists_the_credit_notes_and_the_amount_still_due()
    {
        var queries = _fixture.Get<InvoiceQueries>();
        var number = await InvoiceScenario.NumberAsync(_fixture, _acme, "2026-11");
        var note = await _fixture.Get<CreditNoteService>().IssueAsync(BillingScenario.Operator, number, new CreditNoteInput("Geocoding outage", 81_67, null, null));
        var invoice = await queries.GetInvoiceAsync(BillingScenario.Operator, number);

        var bytes = new InvoicePdfRenderer(new VendorOptions { Name = "Lumen Software Ltd." }).RenderPdf(invoice, await queries.GetInvoiceUsageAsync(BillingScenario.Operator, number));

        using var pdf = PdfDocument.Open(bytes);
        var first = Text(pdf.GetPage(1));
        first.Should().Contain("Invoice total USD 283.67").And.Contain("Amount due USD 202.00").And.Contain("Credit notes USD -81.67")
            .And.Contain($"{note.Number} of").And.Contain("Geocoding outage (Taken off the amount due) USD -81.67");
    }

    private static string Text(UglyToad.PdfPig.Content.Page page) => string.Join(' ', page.GetWords().Select(w => w.Text));
}
