using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Common;
using MyAccount.Domain.EInvoicing;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Subscriptions;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;
using static MyAccount.Tests.EInvoicing.VatBillingTests;

namespace MyAccount.Tests.EInvoicing;

/// <summary>
/// Every e-invoice these scenarios produce — each billing rule, domestic VAT, reverse charge, no VAT, JPY, a credit invoice and the
/// credit applied after it, a credit note through the document seam — passes the official EN 16931 rules in both syntaxes.
/// </summary>
public sealed class EInvoiceValidationTests
{
    [Fact]
    public async Task Every_scenario_s_e_invoices_pass_the_EN_16931_rules_in_CII_and_UBL()
    {
        var cii = new Dictionary<string, byte[]>();
        var ubl = new Dictionary<string, byte[]>();
        foreach (var (name, content, syntax) in await CorpusAsync())
        {
            (syntax == EInvoiceSyntax.Cii ? cii : ubl)[name] = content;
        }

        cii.Keys.Should().HaveCountGreaterThan(10);
        foreach (var (syntax, files) in new[] { ("cii", cii), ("ubl", ubl) })
        {
            var (exitCode, output) = await EInvoiceValidator.ValidateAsync(syntax, files);
            output.Should().NotContain("FAILS").And.NotContain("not readable");
            exitCode.Should().Be(0, output);
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(files.Count).And.OnlyContain(l => l.Contains($"valid EN 16931 ({syntax})"));
        }
    }

    [Fact]
    public async Task The_validator_catches_a_document_whose_totals_do_not_add_up()
    {
        await using var fixture = await VatWorld.CreateAsync();
        var (number, cii, _) = (await InvoicesAsync(fixture, domestic: true)).First();
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(cii));
        XNamespace ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
        var grand = xml.Descendants(ram + "GrandTotalAmount").Single();
        grand.Value = "1.00";

        var (exitCode, output) = await EInvoiceValidator.ValidateAsync("cii", new Dictionary<string, byte[]> { [$"{number}.xml"] = System.Text.Encoding.UTF8.GetBytes(xml.ToString()) });

        exitCode.Should().Be(1);
        output.Should().Contain("BR-CO-15");
    }

    private static async Task<List<(string Name, byte[] Content, EInvoiceSyntax Syntax)>> CorpusAsync()
    {
        var corpus = new List<(string, byte[], EInvoiceSyntax)>();
        foreach (var (enabled, vendorVatId, label) in new[] { (true, (string?)VatWorld.VendorVatId, "vat"), (false, VatWorld.VendorVatId, "off"), (true, null, "unregistered") })
        {
            await using var fixture = await VatWorld.CreateAsync(enabled, vendorVatId);
            foreach (var (number, cii, ubl) in await InvoicesAsync(fixture, domestic: label != "vat"))
            {
                corpus.Add(($"{label}-{number}-cii.xml", cii, EInvoiceSyntax.Cii));
                corpus.Add(($"{label}-{number}-ubl.xml", ubl, EInvoiceSyntax.Ubl));
            }

            if (label == "vat")
            {
                // A credit note as the credit-notes feature will fill the model: type 381, the invoice it corrects, positive amounts.
                var invoice = (await fixture.Get<EInvoiceService>().GetDocumentAsync(BillingScenario.Operator, "INV-000001"));
                var credit = invoice with
                {
                    Number = "CN-000001", TypeCode = EInvoiceTypeCode.CreditNote, Preceding = new PrecedingInvoice(invoice.Number, invoice.IssueDate),
                    Lines = [invoice.Lines[0] with { Name = invoice.Lines[0].Name, Description = "Refund of the subscription fee" }], PrepaidMinor = 0,
                };
                corpus.Add(("CN-000001-cii.xml", EInvoiceService.Serialize(credit, EInvoiceSyntax.Cii), EInvoiceSyntax.Cii));
                corpus.Add(("CN-000001-ubl.xml", EInvoiceService.Serialize(credit, EInvoiceSyntax.Ubl), EInvoiceSyntax.Ubl));
            }
        }

        return corpus;
    }

    /// <summary>
    /// Accounts covering the billing rules: fees in advance, overage in arrears (unit and graduated), a mid-month start (proration
    /// fee), late usage, an early end (proration credit, a credit invoice) and the credit applied after it; German, French (with and
    /// without VAT ID) and yen customers. Every invoice of the last three months, in both syntaxes.
    /// </summary>
    private static async Task<List<(string Number, byte[] Cii, byte[] Ubl)>> InvoicesAsync(DomainFixture fixture, bool domestic)
    {
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        await scenario.ProductAsync("geo");
        var german = await scenario.AccountAsync("Fabrikam", startsOn: $"{Month(3)}-01", fee: "199.99", included: 1_000);
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, german, "geo",
            new SubscriptionPlanInput(49.5m, 100, new GraduatedOverage([new PriceTier(100, 0.05m), new PriceTier(null, 0.0333m)])),
            BillingMonth.Parse(Month(3)).FirstDay.AddDays(14), null);
        await VatWorld.DetailsAsync(fixture, german, VatWorld.German(buyerReference: "991-12345-67"));
        var french = await scenario.AccountAsync("Contoso SARL", startsOn: $"{Month(2)}-01", fee: "100.00");
        await VatWorld.DetailsAsync(fixture, french, VatWorld.French());
        var consumer = await scenario.AccountAsync("Jean Dupont", startsOn: $"{Month(2)}-10", fee: "9.99");
        await VatWorld.DetailsAsync(fixture, consumer, domestic ? VatWorld.German(vatId: null) : VatWorld.French(vatId: null));
        var yen = (await fixture.Get<MyAccount.Domain.Accounts.AccountService>().CreateAccountAsync(BillingScenario.Operator, "Tokyo KK", "JPY", null)).Id;
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, yen, "search",
            new SubscriptionPlanInput(1_555m, 1_000, new UnitOverage(0.7m)), BillingMonth.Parse(Month(3)).FirstDay, null);
        await VatWorld.DetailsAsync(fixture, yen, VatWorld.German() with { LegalName = "Tokyo KK Zweigniederlassung" });
        var unnamed = await scenario.AccountAsync("No Details Ltd", startsOn: $"{Month(1)}-01", fee: "10.00");

        await scenario.UsageAsync(german, $"{Month(3)}-20T10:00:00Z", 1_234);
        await scenario.UsageAsync(german, $"{Month(3)}-21T10:00:00Z", 517, product: "geo");
        await scenario.UsageAsync(yen, $"{Month(3)}-05T10:00:00Z", 1_777);
        await scenario.RunAsync(Month(3));
        await scenario.RunAsync(Month(2));
        await scenario.UsageAsync(german, $"{Month(3)}-25T10:00:00Z", 300); // late usage for an invoiced month
        await scenario.UsageAsync(french, $"{Month(2)}-02T10:00:00Z", 1_500);
        // The French subscription ends early: its unused, paid days come back as a credit invoice, then as credit applied to the next.
        var frenchSubscription = fixture.CreateDbContext().Subscriptions.Single(s => s.AccountId == french).Id;
        await fixture.Get<SubscriptionProvisioning>().EndSubscriptionAsync(BillingScenario.Operator, french, frenchSubscription, BillingMonth.Parse(Month(2)).FirstDay.AddDays(3));
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, french, "geo",
            new SubscriptionPlanInput(20m, 100, new UnitOverage(0.01m)), BillingMonth.Parse(Month(1)).FirstDay, null);
        await scenario.RunAsync(Month(1));
        await scenario.RunAsync(Month(0));
        await using (var check = fixture.CreateDbContext())
        {
            (await check.InvoiceLines.AnyAsync(l => l.Kind == InvoiceLineKind.CreditApplied)).Should().BeTrue("the corpus has an invoice with credit applied");
        }

        unnamed.Should().NotBe(default(AccountId));

        await using var db = fixture.CreateDbContext();
        var numbers = await db.Invoices.OrderBy(i => i.SequenceNumber).Select(i => i.Number).ToListAsync();
        var result = new List<(string, byte[], byte[])>();
        foreach (var number in numbers)
        {
            result.Add(await VatWorld.EInvoicesAsync(fixture, number));
        }

        return result;
    }
}
