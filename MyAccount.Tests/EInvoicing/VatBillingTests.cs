using Microsoft.EntityFrameworkCore;
using MyAccount.Domain.Billing;
using MyAccount.Domain.Common;
using MyAccount.Domain.Invoices;
using MyAccount.Domain.Subscriptions;
using MyAccount.Domain.Tax;
using MyAccount.Tests.Billing;
using MyAccount.Tests.Infrastructure;

namespace MyAccount.Tests.EInvoicing;

/// <summary>VAT computed by the billing engine: category per customer, rounded once per invoice, exact to the minor unit.</summary>
public sealed class VatBillingTests
{
    private static async Task<(DomainFixture Fixture, BillingScenario Scenario)> WorldAsync(bool enabled = true, string? vendorVatId = VatWorld.VendorVatId)
    {
        var fixture = await VatWorld.CreateAsync(enabled, vendorVatId);
        var scenario = new BillingScenario(fixture);
        await scenario.ProductAsync();
        await scenario.ProductAsync("geo");
        return (fixture, scenario);
    }

    /// <summary>The fixture's month (November of the suite's year) or one before it.</summary>
    internal static string Month(int monthsBack)
    {
        var month = new BillingMonth(TestClock.Start.Year, 11);
        for (var i = 0; i < monthsBack; i++)
        {
            month = month.Previous;
        }

        return month.ToString();
    }

    [Fact]
    public async Task A_domestic_customer_pays_the_standard_rate_rounded_once_on_the_invoice_net()
    {
        var (fixture, scenario) = await WorldAsync();
        await using var _ = fixture;
        var account = await scenario.AccountAsync("Fabrikam", startsOn: $"{Month(0)}-01", fee: "10.03", included: 1_000);
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, account, "geo",
            new SubscriptionPlanInput(10.03m, 100, new UnitOverage(0.01m)), BillingMonth.Parse(Month(0)).FirstDay, null);
        await VatWorld.DetailsAsync(fixture, account, VatWorld.German());

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        invoice.VatCategory.Should().Be(VatCategory.Standard);
        invoice.VatRate.Should().Be(19m);
        // Two fees of 10.03: per line 1.9057 → 1.91 each would make 3.82; on the invoice's 20.06 it is 3.8114 → 3.81 (BR-CO-17).
        invoice.TaxMinor.Should().Be(3_81);
        invoice.TotalMinor.Should().Be(20_06 + 3_81);
        invoice.BuyerVatId.Should().Be("DE987654321");
        invoice.SellerVatId.Should().Be(VatWorld.VendorVatId);
    }

    [Fact]
    public async Task A_business_in_another_EU_country_with_a_VAT_ID_is_reverse_charged_at_zero()
    {
        var (fixture, scenario) = await WorldAsync();
        await using var _ = fixture;
        var account = await scenario.AccountAsync("Contoso SARL", startsOn: $"{Month(0)}-01", fee: "100.00");
        await VatWorld.DetailsAsync(fixture, account, VatWorld.French());

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        (invoice.VatCategory, invoice.TaxMinor, invoice.TotalMinor).Should().Be((VatCategory.ReverseCharge, 0L, 100_00L));
    }

    [Fact]
    public async Task A_customer_without_a_VAT_ID_pays_the_rate_of_its_country()
    {
        var (fixture, scenario) = await WorldAsync();
        await using var _ = fixture;
        var account = await scenario.AccountAsync("Jean Dupont", startsOn: $"{Month(0)}-01", fee: "99.99");
        await VatWorld.DetailsAsync(fixture, account, VatWorld.French(vatId: null));

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        // 99.99 × 20 % = 19.998 → 20.00.
        (invoice.VatCategory, invoice.VatRate, invoice.TaxMinor, invoice.TotalMinor).Should().Be((VatCategory.Standard, 20m, 20_00L, 119_99L));
    }

    [Fact]
    public async Task Yen_invoices_stay_exact_in_whole_yen()
    {
        var (fixture, scenario) = await WorldAsync();
        await using var _ = fixture;
        var account = (await fixture.Get<MyAccount.Domain.Accounts.AccountService>().CreateAccountAsync(BillingScenario.Operator, "Tokyo KK", "JPY", null)).Id;
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, account, "search",
            new SubscriptionPlanInput(1_555m, 1_000, new UnitOverage(1m)), BillingMonth.Parse(Month(0)).FirstDay, null);
        await VatWorld.DetailsAsync(fixture, account, VatWorld.German());

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        // 1,555 × 19 % = 295.45 → 295 yen.
        (invoice.TaxMinor, invoice.TotalMinor).Should().Be((295L, 1_850L));
    }

    [Fact]
    public async Task With_tax_off_invoices_carry_no_VAT_and_total_the_sum_of_their_lines()
    {
        var (fixture, scenario) = await WorldAsync(enabled: false);
        await using var _ = fixture;
        var account = await scenario.AccountAsync("Fabrikam", startsOn: $"{Month(0)}-01", fee: "100.00");
        await VatWorld.DetailsAsync(fixture, account, VatWorld.German());

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        (invoice.VatCategory, invoice.VatRate, invoice.TaxMinor, invoice.TotalMinor, invoice.SellerVatId).Should().Be(((string?)null, (decimal?)null, 0L, 100_00L, (string?)null));
        invoice.BuyerLegalName.Should().Be("Fabrikam GmbH");
    }

    [Fact]
    public async Task A_vendor_without_a_VAT_registration_bills_not_subject_to_VAT()
    {
        var (fixture, scenario) = await WorldAsync(vendorVatId: null);
        await using var _ = fixture;
        var account = await scenario.AccountAsync("Fabrikam", startsOn: $"{Month(0)}-01", fee: "100.00");

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoice = db.Invoices.Single(i => i.AccountId == account);
        (invoice.VatCategory, invoice.TaxMinor, invoice.TotalMinor).Should().Be((VatCategory.NotSubject, 0L, 100_00L));
    }

    [Fact]
    public async Task A_credit_balance_settles_the_gross_like_a_prepayment_and_leaves_the_VAT_on_the_net()
    {
        var (fixture, scenario) = await WorldAsync();
        await using var _ = fixture;
        // Billed in advance for two months, then ended on the first one's 11th: the unused days are a credit invoice (its VAT negative).
        var account = await scenario.AccountAsync("Fabrikam", startsOn: $"{Month(3)}-01", fee: "300.00");
        await VatWorld.DetailsAsync(fixture, account, VatWorld.German());
        await scenario.RunAsync(Month(3));
        await scenario.RunAsync(Month(2));
        var subscription = fixture.CreateDbContext().Subscriptions.Single(s => s.AccountId == account).Id;
        await fixture.Get<SubscriptionProvisioning>().EndSubscriptionAsync(BillingScenario.Operator, account, subscription, BillingMonth.Parse(Month(3)).FirstDay.AddDays(10));
        await fixture.Get<SubscriptionProvisioning>().CreateSubscriptionAsync(BillingScenario.Operator, account, "geo",
            new SubscriptionPlanInput(50m, 100, new UnitOverage(0.01m)), BillingMonth.Parse(Month(1)).FirstDay, null);
        await scenario.RunAsync(Month(1));

        await scenario.RunAsync(Month(0));

        await using var db = fixture.CreateDbContext();
        var invoices = db.Invoices.Include(i => i.Lines).Where(i => i.AccountId == account).ToList().OrderBy(i => i.SequenceNumber).ToList();
        invoices[^2].Status.Should().Be(InvoiceStatus.Credit);
        invoices[^2].TaxMinor.Should().Be(VatMath.VatMinor(invoices[^2].NetMinor, 19m, Currency.Of("USD"))).And.BeNegative();
        var last = invoices[^1];
        // The geo fee of 50.00 and its VAT of 9.50 are settled by the credit; the VAT stays on the 50.00.
        (last.NetMinor, last.TaxMinor, last.CreditAppliedMinor, last.TotalMinor, last.Status).Should().Be((50_00L, 9_50L, -59_50L, 0L, InvoiceStatus.NothingToPay));
    }
}
