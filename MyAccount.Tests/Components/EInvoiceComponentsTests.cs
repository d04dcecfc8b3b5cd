using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MyAccount.Domain.Accounts;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Notifications;
using MyAccount.Domain.Payments;
using MyAccount.Tests.Billing;
using MyAccount.Tests.EInvoicing;
using MyAccount.Tests.Infrastructure;
using MyAccount.Web.Components.Pages.Billing;
using MyAccount.Web.Components.Pages.Invoices;

namespace MyAccount.Tests.Components;

/// <summary>VAT on the invoice page (the same totals as the e-invoice) and the billing details dialog's validation messages.</summary>
public sealed class EInvoiceComponentsTests : MudComponentTest
{
    private DomainFixture _domain = null!;
    private AccountId _account;

    protected override async Task SetUpAsync()
    {
        _domain = await VatWorld.CreateAsync();
        var scenario = new BillingScenario(_domain);
        await scenario.ProductAsync();
        _account = await scenario.AccountAsync("Fabrikam", startsOn: $"{VatBillingTests.Month(0)}-01", fee: "10.03");
        await VatWorld.DetailsAsync(_domain, _account, VatWorld.German(buyerReference: "991-12345-67"));
        await scenario.RunAsync(VatBillingTests.Month(0));
        Services.AddSingleton(_domain.Get<BillingDetailsService>());
    }

    protected override async Task DisposeCoreAsync() => await _domain.DisposeAsync();

    [Fact]
    public async Task The_invoice_shows_net_VAT_and_gross_as_its_e_invoice_states_them()
    {
        var invoice = await _domain.Get<InvoiceQueries>().GetInvoiceAsync(BillingScenario.Operator, "INV-000001");
        var cii = await _domain.Get<EInvoiceService>().GetFileAsync(BillingScenario.Operator, "INV-000001", EInvoiceSyntax.Cii);

        var cut = Render<InvoiceDocument>(p => p.Add(d => d.Invoice, invoice).Add(d => d.VendorName, "Lumen Software GmbH"));

        var totals = EInvoiceTotals.Read(cii.Content);
        cut.Find("[data-testid=invoice-net]").TextContent.Should().Be(new Money(totals.NetMinor, "USD").Format()).And.Be("USD 10.03");
        cut.Find("[data-testid=invoice-tax]").TextContent.Should().Be(new Money(totals.TaxMinor, "USD").Format()).And.Be("USD 1.91");
        cut.Find("[data-testid=invoice-total]").TextContent.Should().Be(new Money(totals.GrossMinor, "USD").Format());
        cut.Markup.Should().Contain("VAT 19 %").And.Contain("Total incl. VAT").And.Contain("DE987654321").And.Contain("991-12345-67");
    }

    [Fact]
    public void The_dialog_shows_each_refused_field_beside_it_and_keeps_what_was_typed()
    {
        var person = new SignedInPerson(BillingScenario.Operator, new AccountChoice(_account, "Fabrikam", "USD"), [], IsSupportAgent: false);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var service = Services.GetRequiredService<MudBlazor.IDialogService>();
        dialogs.InvokeAsync(() => service.ShowAsync<EditBillingDetailsDialog>("Billing details", new MudBlazor.DialogParameters<EditBillingDetailsDialog>
        {
            { d => d.Person, person }, { d => d.Current, VatWorld.German() with { VatId = null } },
        }));

        dialogs.WaitForAssertion(() => dialogs.Find("input[data-testid=vat-id]"));
        dialogs.Find("input[data-testid=vat-id]").Change("DE12");
        dialogs.Find("input[data-testid=legal-name]").Change("");
        dialogs.Find("[data-testid=save-billing-details]").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("This is not a VAT ID of Germany").And.Contain("The legal name is required."));
        dialogs.Find("input[data-testid=vat-id]").GetAttribute("value").Should().Be("DE12");
    }
}
